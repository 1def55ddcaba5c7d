import type { ESLint } from 'eslint';

/** The folders of src/main in layers, bottom up (see main-layers.mjs). */
export declare const MAIN_LAYERS: readonly (readonly string[])[];
declare const plugin: ESLint.Plugin;
export default plugin;
