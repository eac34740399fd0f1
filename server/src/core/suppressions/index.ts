/**
 * Inline suppressions: `cx-taxonomy-disable*` comments read from a file (`directives`), applied to
 * that file's findings (`apply`), and written or removed as text (`comments`). The workspace
 * applies them where it checks a file, so the editor and the CLI see the same result.
 */
export * from './directives';
export * from './apply';
export * from './comments';
