/**
 * The custom functions' metadata (functions.json), generated from the JSDoc tags of
 * addin/src/custom-functions/functions.ts by Microsoft's custom-functions-metadata (docs/architecture.md, "Custom
 * functions"). It parses the TypeScript source and sends nothing over the network (its usage-data module is
 * used only by its command line, which this does not run).
 */
import path from 'node:path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

export const FUNCTIONS_SOURCE = path.resolve(
  __dirname,
  '..',
  '..',
  'addin',
  'src',
  'custom-functions',
  'functions.ts',
);

export interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  options?: { stream?: boolean; cancelable?: boolean };
  parameters: {
    name: string;
    description: string;
    type: string;
    optional?: boolean;
    dimensionality?: string;
  }[];
  result: { type?: string; dimensionality?: string };
}

/** The metadata as an object; throws with the generator's messages if the JSDoc is not valid for it. */
export async function functionsMetadata(): Promise<{ functions: FunctionMetadata[] }> {
  const result = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE, false);
  if (result.errors.length > 0) throw new Error(`custom-functions-metadata: ${result.errors.join('\n')}`);
  return JSON.parse(result.metadataJson) as { functions: FunctionMetadata[] };
}
