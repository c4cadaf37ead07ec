/** The moments in the call where the assistant raised a suggestion. */
export type Cue = 'competitor' | 'landmine' | 'price' | 'timing' | 'next_step';

export interface CallLine {
  speaker: 'rep' | 'prospect';
  text: string;
  cue?: Cue;
  /** The words in the line that set the cue off. */
  match?: string;
}

/** The recorded discovery call. {first}, {city}, {fleet} and {rep} are filled from the seeded lead. */
export const DISCOVERY_CALL: CallLine[] = [
  {
    speaker: 'rep',
    text: "Hi {first}, it's {rep} from FleetPulse. Thanks for making the time. Is now still good for twenty minutes?",
  },
  {
    speaker: 'prospect',
    text: "Yeah, go for it. I've got a depot meeting at half past, so we'll need to keep it tight.",
  },
  { speaker: 'rep', text: 'Understood. You downloaded our fuel-spend guide last week. What made you look at it?' },
  {
    speaker: 'prospect',
    text: "Fuel's our second biggest cost after wages. We run about {fleet} vans and a handful of seven-and-a-half tonners out of {city}, and I've got no real idea which drivers are idling.",
  },
  { speaker: 'rep', text: 'How are you tracking the vehicles at the moment?' },
  {
    speaker: 'prospect',
    text: "There's an old tracker on some of them. And honestly, we had a demo from Samsara in the summer. Their cameras looked good.",
    cue: 'competitor',
    match: 'Samsara',
  },
  { speaker: 'rep', text: 'What did you like about it, and what stopped you going ahead?' },
  {
    speaker: 'prospect',
    text: "The dash cams were slick. But the quote was per vehicle on a three-year term and didn't include the tacho side, so finance kicked it back.",
    cue: 'landmine',
    match: 'tacho',
  },
  { speaker: 'rep', text: "That's common. How are your drivers downloading tachograph data today?" },
  {
    speaker: 'prospect',
    text: 'Manually. Someone in the office spends most of Monday on it, and we still got pulled up by the DVSA in March for missed downloads.',
  },
  {
    speaker: 'rep',
    text: 'So compliance risk as well as fuel. If you could fix one of those first, which would it be?',
  },
  { speaker: 'prospect', text: 'Tachos, probably. A fine lands on my desk; fuel lands on the finance director.' },
  {
    speaker: 'rep',
    text: 'Makes sense. With us the remote tacho download is in the standard plan, so that Monday job goes away. Who else would be involved in a decision like this?',
  },
  { speaker: 'prospect', text: 'Me, our ops director Gareth, and finance will want to see numbers.' },
  {
    speaker: 'prospect',
    text: "Can I ask how much it is per van? Because if it's anything like the Sam Sara quote, I'll be honest, it's too expensive for us.",
    cue: 'price',
    match: 'too expensive',
  },
  {
    speaker: 'rep',
    text: 'Fair question. Usually between twenty-two and thirty pounds a vehicle a month depending on cameras, and that includes tacho and the driver app. Most fleets your size cover it from fuel savings inside six months.',
  },
  { speaker: 'prospect', text: 'Six months? What are you basing that on?' },
  {
    speaker: 'rep',
    text: 'Idling and route data from similar fleets. A Midlands haulier with ninety vans cut idle time by eighteen percent in the first quarter. I can send you the case study.',
  },
  {
    speaker: 'prospect',
    text: "Send it over. The other thing is timing. We're tied into our current tracker contract until the end of March, so realistically nothing happens before the new financial year.",
    cue: 'timing',
    match: 'tied into our current tracker contract',
  },
  {
    speaker: 'rep',
    text: 'Good to know. A lot of customers run a short pilot before their renewal so the switch is ready on day one. Would a thirty-day pilot on ten vans help make the case to Gareth?',
  },
  { speaker: 'prospect', text: 'Maybe. Does the hardware need an auto-electrician, or can our lads fit it?' },
  {
    speaker: 'rep',
    text: "The vans are plug-in, about ten minutes each. For the seven-and-a-half tonners we'd send a fitter.",
  },
  { speaker: 'prospect', text: 'And does it talk to payroll? We use Sage for timesheets.' },
  { speaker: 'rep', text: "Driver hours export to Sage today, and there's an API if your team wants it live." },
  { speaker: 'prospect', text: "Okay. That's better than I expected, honestly." },
  { speaker: 'rep', text: 'What would you need to see to take this to Gareth and finance?' },
  {
    speaker: 'prospect',
    text: "A proper cost comparison against what Samsara quoted, and I'd want to see the tacho download working.",
    cue: 'next_step',
    match: 'see the tacho download working',
  },
  {
    speaker: 'rep',
    text: "Let's do both. How about a thirty-minute demo with you and Gareth next Thursday at ten, and I'll bring a side-by-side cost breakdown?",
  },
  { speaker: 'prospect', text: "Thursday at ten works. Send the invite to me and I'll forward it to Gareth." },
  { speaker: 'rep', text: "Great. I'll send the invite and the case study today. Thanks, {first}." },
  { speaker: 'prospect', text: 'Cheers {rep}, speak Thursday.' },
];
