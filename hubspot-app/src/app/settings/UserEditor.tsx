import {
  Button,
  ButtonRow,
  Flex,
  Heading,
  Input,
  LoadingButton,
  NumberInput,
  Select,
  Text,
  Tile,
  Toggle,
  ToggleGroup,
} from '@hubspot/ui-extensions';
import type { CrmUserEntry, User, UserUpsert } from '@sdr/shared';
import { useState } from 'react';
import { backend } from '../backend/request.ts';
import { DAYS, hasSplitHours, hoursOf, leaveFromText, leaveToText, weekOf, type Week } from './lib/hours.ts';
import { SaveFeedback } from './lib/SaveFeedback.tsx';
import { fieldError, useSave } from '../backend/useSave.ts';

const PLACED = [
  'body.crmUserId',
  'body.capacity',
  'body.dailyCap',
  'body.weight',
  'body.active',
  'body.timeZone',
  'body.workingHours',
  'body.outOfOffice',
];

/**
 * One person's routing settings. The service keys people by e-mail, so the e-mail and name go with every change;
 * hours and leave are sent only when edited, so hours that differ by day are never flattened by accident.
 */
export function UserEditor({
  user,
  owners,
  onSaved,
  onClose,
}: {
  user: User;
  /** The portal's owners to pick from; null types the id instead (e.g. no CRM connected yet). */
  owners: CrmUserEntry[] | null;
  onSaved: (user: User) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState({
    crmUserId: user.crmUserId ?? '',
    capacity: user.capacity,
    dailyCap: user.dailyCap,
    weight: user.weight,
    active: user.active,
    timeZone: user.timeZone,
  });
  const [week, setWeek] = useState<Week>(() => weekOf(user.workingHours));
  const [weekChanged, setWeekChanged] = useState(false);
  const [leave, setLeave] = useState(() => user.outOfOffice.map(leaveToText));
  const [leaveChanged, setLeaveChanged] = useState(false);
  const save = useSave();
  const at = (field: string) => fieldError(save.errorAt(`body.${field}`));
  const changeWeek = (change: Partial<Week>) => {
    setWeek((current) => ({ ...current, ...change }));
    setWeekChanged(true);
  };
  const changeLeave = (next: { start: string; end: string }[]) => {
    setLeave(next);
    setLeaveChanged(true);
  };

  async function submit() {
    const body: UserUpsert = {
      email: user.email,
      name: user.name,
      crmUserId: form.crmUserId.trim() || null,
      capacity: form.capacity,
      dailyCap: form.dailyCap,
      weight: form.weight,
      active: form.active,
      timeZone: form.timeZone.trim(),
      ...(weekChanged ? { workingHours: hoursOf(week) } : {}),
      ...(leaveChanged ? { outOfOffice: leave.map(leaveFromText) } : {}),
    };
    const saved = await save.run(() => backend<User>('/v1/users', { method: 'PUT', body }), `${user.name} is saved.`);
    if (saved) onSaved(saved);
  }

  return (
    <Tile testId="user-editor">
      <Flex direction="column" gap="sm">
        <Heading>{user.name}</Heading>
        <Text variant="microcopy">{user.email}</Text>
        <Flex direction="row" gap="sm" wrap="wrap">
          {owners ? (
            <Select
              label="HubSpot owner"
              name="crmUserId"
              description="Leads routed to this person are given this owner in HubSpot"
              value={form.crmUserId}
              options={[
                { label: 'Not linked to an owner', value: '' },
                ...owners.map((owner) => ({
                  label: `${owner.name} (${owner.email})${owner.onRoster && owner.crmUserId !== user.crmUserId ? ' · already on the team' : ''}`,
                  value: owner.crmUserId,
                })),
              ]}
              onChange={(crmUserId) => setForm({ ...form, crmUserId: String(crmUserId ?? '') })}
              {...at('crmUserId')}
            />
          ) : (
            <Input
              label="HubSpot owner ID"
              name="crmUserId"
              description="Leads routed to this person are given this owner in HubSpot"
              value={form.crmUserId}
              onChange={(crmUserId) => setForm({ ...form, crmUserId })}
              {...at('crmUserId')}
            />
          )}
          <NumberInput
            label="Open leads at most"
            name="capacity"
            value={form.capacity}
            onChange={(capacity) => setForm({ ...form, capacity })}
            {...at('capacity')}
          />
          <NumberInput
            label="New leads a day at most"
            name="dailyCap"
            value={form.dailyCap}
            onChange={(dailyCap) => setForm({ ...form, dailyCap })}
            {...at('dailyCap')}
          />
          <NumberInput
            label="Share of round-robin"
            name="weight"
            description="2 gets twice the leads of 1"
            value={form.weight}
            onChange={(weight) => setForm({ ...form, weight })}
            {...at('weight')}
          />
          <Input
            label="Time zone"
            name="timeZone"
            value={form.timeZone}
            placeholder="Europe/London"
            onChange={(timeZone) => setForm({ ...form, timeZone })}
            {...at('timeZone')}
          />
        </Flex>
        <Toggle
          label="Route leads to this person"
          name="active"
          checked={form.active}
          onChange={(active) => setForm({ ...form, active })}
        />
        {hasSplitHours(user.workingHours) && !weekChanged ? (
          <Text variant="microcopy">
            Working hours differ by day; they stay as they are unless you change them here.
          </Text>
        ) : null}
        <ToggleGroup
          toggleType="checkboxList"
          label="Working days"
          name="days"
          inline
          value={week.days.map(String)}
          options={DAYS.map((day, index) => ({ label: day.slice(0, 3), value: String(index) }))}
          onChange={(days) => changeWeek({ days: days.map(Number) })}
          {...at('workingHours')}
        />
        <Flex direction="row" gap="sm">
          <Input label="From" name="start" value={week.start} onChange={(start) => changeWeek({ start })} />
          <Input label="To" name="end" value={week.end} onChange={(end) => changeWeek({ end })} />
        </Flex>
        <Text format={{ fontWeight: 'bold' }}>Out of office</Text>
        {leave.map((period, index) => (
          <Flex key={index} direction="row" gap="sm" align="end">
            <Input
              label="First day off (YYYY-MM-DD)"
              name={`leave-start-${index}`}
              value={period.start}
              onChange={(start) => changeLeave(leave.map((one, i) => (i === index ? { ...one, start } : one)))}
              {...at(`outOfOffice.${index}.start`)}
            />
            <Input
              label="Back on (YYYY-MM-DD)"
              name={`leave-end-${index}`}
              value={period.end}
              onChange={(end) => changeLeave(leave.map((one, i) => (i === index ? { ...one, end } : one)))}
              {...at(`outOfOffice.${index}.end`)}
            />
            <Button size="sm" variant="transparent" onClick={() => changeLeave(leave.filter((_, i) => i !== index))}>
              Remove
            </Button>
          </Flex>
        ))}
        <ButtonRow>
          <Button size="sm" testId="add-leave" onClick={() => changeLeave([...leave, { start: '', end: '' }])}>
            Add time off
          </Button>
        </ButtonRow>
        <ButtonRow>
          <LoadingButton
            variant="primary"
            onClick={submit}
            loading={save.saving}
            disabled={save.saving}
            testId="save-user"
          >
            Save
          </LoadingButton>
          <Button onClick={onClose}>Close</Button>
        </ButtonRow>
        <SaveFeedback save={save} placed={PLACED} testId="user" />
      </Flex>
    </Tile>
  );
}
