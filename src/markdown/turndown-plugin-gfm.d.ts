/** Types for @joplin/turndown-plugin-gfm, which ships none: GitHub-flavoured tables, strikethrough, task lists. */
declare module '@joplin/turndown-plugin-gfm' {
  import type TurndownService from 'turndown';
  export const gfm: TurndownService.Plugin;
  export const tables: TurndownService.Plugin;
  export const strikethrough: TurndownService.Plugin;
}
