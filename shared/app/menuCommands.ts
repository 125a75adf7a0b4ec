import { z } from 'zod';

/**
 * What the application menu asks of the window. The menu lives in main and the views in the
 * renderer, so a menu item becomes one of these, carried by the `app.menuCommand` event.
 */
export const menuCommands = ['view:clusters', 'view:submit', 'view:jobs', 'view:settings', 'submit', 'find', 'about'] as const;
export const MenuCommandSchema = z.enum(menuCommands);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;
