// Feature namespaces: each feature page owns one pair of files (ko + en) and reads it with
// useTranslation('<namespace>'), so features can grow their strings without touching each other's.
import automationsEn from './automations.en.json';
import automationsKo from './automations.ko.json';
import dashboardEn from './dashboard.en.json';
import dashboardKo from './dashboard.ko.json';
import importEn from './import.en.json';
import importKo from './import.ko.json';
import logsEn from './logs.en.json';
import logsKo from './logs.ko.json';
import partitionsEn from './partitions.en.json';
import partitionsKo from './partitions.ko.json';
import recordsEn from './records.en.json';
import recordsKo from './records.ko.json';
import repeatsEn from './repeats.en.json';
import repeatsKo from './repeats.ko.json';
import sendEn from './send.en.json';
import sendKo from './send.ko.json';
import settingsEn from './settings.en.json';
import settingsKo from './settings.ko.json';
import systemEn from './system.en.json';
import systemKo from './system.ko.json';
import teamEn from './team.en.json';
import teamKo from './team.ko.json';
import resultsEn from './results.en.json';
import resultsKo from './results.ko.json';

export const koNamespaces = {
  automations: automationsKo,
  dashboard: dashboardKo,
  logs: logsKo,
  records: recordsKo,
  repeats: repeatsKo,
  settings: settingsKo,
  send: sendKo,
  partitions: partitionsKo,
  team: teamKo,
  import: importKo,
  system: systemKo,
  results: resultsKo,
};

export const enNamespaces = {
  automations: automationsEn,
  dashboard: dashboardEn,
  logs: logsEn,
  records: recordsEn,
  repeats: repeatsEn,
  settings: settingsEn,
  send: sendEn,
  partitions: partitionsEn,
  team: teamEn,
  import: importEn,
  system: systemEn,
  results: resultsEn,
} satisfies Record<keyof typeof koNamespaces, unknown>;
