/** Kept for src/scripts/generate-docs.ts until it imports engine/read/classify.js; nothing else imports this path. */
export * from './read/classify.js';
