/**
 * The fuzzed commands, one generator module each. A new CLI command gets a module
 * `commands/<name>.ts` exporting a FuzzCommand (see ../command.ts) and one line here.
 */
import type { FuzzCommand } from '../command';
import { fit } from './fit';
import { compare } from './compare';
import { network } from './network';
import { he } from './he';
import { signals } from './signals';
import { train } from './train';
import { accuracy } from './accuracy';
import { infer } from './infer';

export const COMMANDS: readonly FuzzCommand[] = [fit, compare, network, he, signals, train, accuracy, infer];
