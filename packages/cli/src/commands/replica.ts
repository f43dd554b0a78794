import type { Command } from 'commander';
import { registerReplicaFollow } from './replica-follow.js';
import { registerReplicaInit } from './replica-init.js';
import { registerReplicaLag } from './replica-lag.js';
import { registerReplicaPreparePrimary } from './replica-prepare-primary.js';
import { registerReplicaPromote } from './replica-promote.js';
import { registerReplicaRejoin } from './replica-rejoin.js';
import { registerReplicaRemove } from './replica-remove.js';
import { registerReplicaStatus } from './replica-status.js';

/** Registers `catdb replica …` subcommands on the given group. */
export function registerReplicaCommands(group: Command): void {
  registerReplicaPreparePrimary(group);
  registerReplicaInit(group);
  registerReplicaStatus(group);
  registerReplicaLag(group);
  registerReplicaRemove(group);
  registerReplicaPromote(group);
  registerReplicaFollow(group);
  registerReplicaRejoin(group);
}
