import configSchema from '../../../../schemas/config.schema.json';
import journeySchema from '../../../../schemas/journey.schema.json';

/**
 * The defaults of the two open vocabularies, as the journey schema lists them in `examples` (the
 * schema does not enumerate them: any kebab-case value validates, and the workspace config adds to
 * them under `lifecycleStages` and `channels`).
 */

/** The lifecycle stages every workspace knows; the config may add more. */
export const DEFAULT_LIFECYCLE_STAGES: readonly string[] = journeySchema.$defs.lifecycleStage.examples;

/** Channels offered by completion; the vocabulary stays open. */
export const DEFAULT_CHANNELS: readonly string[] = journeySchema.$defs.touchpoint.properties.channel.examples;

/** Files larger than this many bytes are not read (the config schema's `maxFileSize` default, 5 MB). */
export const DEFAULT_MAX_FILE_SIZE: number = configSchema.properties.maxFileSize.default;

/** How many days before a `sunset` its uses are announced (the config schema's `sunsetWarningDays` default). */
export const DEFAULT_SUNSET_WARNING_DAYS: number = configSchema.properties.sunsetWarningDays.default;
