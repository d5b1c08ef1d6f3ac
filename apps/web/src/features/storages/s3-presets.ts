/** Providers whose S3 endpoints follow a known pattern; "custom" leaves the endpoint to the user. */
export const S3_PRESETS = ['aws', 'r2', 'b2', 'wasabi', 'custom'] as const;
export type S3Preset = (typeof S3_PRESETS)[number];

export interface S3Endpoint {
  endpoint: string;
  region: string;
  forcePathStyle: boolean;
}

/**
 * The endpoint, region and addressing style a provider expects. R2 needs the account id
 * in its host name, so the placeholder is left for the user to replace.
 */
export function s3PresetEndpoint(preset: S3Preset, region: string): S3Endpoint {
  switch (preset) {
    case 'aws':
      return { endpoint: '', region: region || 'us-east-1', forcePathStyle: false };
    case 'r2':
      return {
        endpoint: 'https://ACCOUNT_ID.r2.cloudflarestorage.com',
        region: 'auto',
        forcePathStyle: true,
      };
    case 'b2': {
      const b2Region = /^[a-z]+-[a-z]+-\d{3}$/.test(region) ? region : 'us-west-004';
      return {
        endpoint: `https://s3.${b2Region}.backblazeb2.com`,
        region: b2Region,
        forcePathStyle: false,
      };
    }
    case 'wasabi': {
      const wasabiRegion = region && region !== 'auto' ? region : 'us-east-1';
      return {
        endpoint: `https://s3.${wasabiRegion}.wasabisys.com`,
        region: wasabiRegion,
        forcePathStyle: false,
      };
    }
    case 'custom':
      return { endpoint: '', region: region || 'us-east-1', forcePathStyle: true };
  }
}

/** Recognises the provider of a saved endpoint so that editing shows the right preset. */
export function presetOfEndpoint(endpoint: string): S3Preset {
  if (endpoint === '') return 'aws';
  if (/\.r2\.cloudflarestorage\.com/.test(endpoint)) return 'r2';
  if (/\.backblazeb2\.com/.test(endpoint)) return 'b2';
  if (/\.wasabisys\.com/.test(endpoint)) return 'wasabi';
  return 'custom';
}
