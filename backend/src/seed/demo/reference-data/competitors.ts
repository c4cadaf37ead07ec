import type { CompetitorDef } from './competitors/competitor-definition.ts';
import { GEOTAB } from './competitors/geotab.ts';
import { MOTIVE } from './competitors/motive.ts';
import { SAMSARA } from './competitors/samsara.ts';
import { VERIZON_CONNECT } from './competitors/verizon-connect.ts';

/** The competitors the demo team keeps battlecards on, in the order the cards are created. */
export const COMPETITORS: CompetitorDef[] = [SAMSARA, MOTIVE, VERIZON_CONNECT, GEOTAB];
