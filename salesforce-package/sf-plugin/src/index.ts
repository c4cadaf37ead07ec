// The plugin's commands are found by oclif in lib/commands; what other code may rely on is their results' shapes.
export type { ConnectResult } from './commands/sdr/connect.ts';
export type { StatusResult } from './commands/sdr/status.ts';
export type { RescoreJob, RescoreResult } from './commands/sdr/rescore.ts';
export type {
  BattlecardImportResult,
  ImportedCard,
  ImportedCompetitor,
  ImportStatus,
} from './commands/sdr/battlecards/import.ts';
export type { RoutingSimulateResult } from './commands/sdr/routing/simulate.ts';
