import { z } from 'zod';

/** JSON schemas sent as `response_format` (strict), and the zod parsers that check what comes back. */

export function routeDecisionFormat(routeIds: string[]) {
  return {
    type: 'json_schema' as const,
    json_schema: {
      name: 'route_decision',
      strict: true,
      schema: {
        type: 'object',
        properties: {
          route: { type: ['string', 'null'], enum: [...routeIds, null] },
          requirements_met: { type: 'boolean' },
          confidence: { type: 'number' },
          reason: { type: 'string' },
        },
        required: ['route', 'requirements_met', 'confidence', 'reason'],
        additionalProperties: false,
      },
    },
  };
}

export const routeDecisionSchema = z.object({
  route: z.string().nullable(),
  requirements_met: z.boolean(),
  confidence: z.number().min(0).max(1).catch(0.5),
  reason: z.string().max(2000),
});

export const timeExtractionFormat = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'time_extraction',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        at: { type: ['string', 'null'], description: 'ISO 8601 date-time with UTC offset, or null if the user named no time' },
        reason: { type: 'string' },
      },
      required: ['at', 'reason'],
      additionalProperties: false,
    },
  },
};

export const timeExtractionSchema = z.object({
  at: z.iso.datetime({ offset: true }).nullable(),
  reason: z.string().max(2000),
});

export function imageReadingFormat(fields: string[]) {
  return {
    type: 'json_schema' as const,
    json_schema: {
      name: 'image_reading',
      strict: true,
      schema: {
        type: 'object',
        properties: {
          values: {
            type: 'object',
            properties: Object.fromEntries(fields.map((f) => [f, { type: ['string', 'null'] }])),
            required: fields,
            additionalProperties: false,
          },
          summary: { type: 'string' },
        },
        required: ['values', 'summary'],
        additionalProperties: false,
      },
    },
  };
}

export const imageReadingSchema = z.object({
  values: z.record(z.string(), z.string().nullable()),
  summary: z.string().max(4000),
});
