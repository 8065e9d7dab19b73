import type { ArgTypes } from '@storybook/web-components-vite';
import { manifest } from './manifest.ts';

interface ManifestItem {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
  kind?: string;
  static?: boolean;
}

interface ManifestElement {
  tagName?: string;
  attributes?: ManifestItem[];
  members?: ManifestItem[];
  events?: ManifestItem[];
  slots?: ManifestItem[];
  cssParts?: ManifestItem[];
  cssProperties?: ManifestItem[];
}

const elements = new Map(
  (manifest as { modules: Array<{ declarations?: ManifestElement[] }> }).modules
    .flatMap((module) => module.declarations ?? [])
    .flatMap((declaration) => (declaration.tagName ? [[declaration.tagName, declaration] as const] : [])),
);

/** A control for an attribute of the given TypeScript type, e.g. `number`, `string | undefined`, `'launcher' | 'inline'`. */
function attributeControl(typeText: string) {
  const parts = typeText
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined' && part !== 'null');
  if (parts.length === 1 && (parts[0] === 'number' || parts[0] === 'boolean')) return { control: { type: parts[0] } };
  const literals = parts.map((part) => /^'([^']*)'$/.exec(part)?.[1]);
  if (literals.length > 1 && literals.every((literal) => literal !== undefined)) return { control: { type: 'inline-radio' as const }, options: literals };
  return { control: { type: 'text' as const } };
}

function row(item: ManifestItem, category: string, name = item.name) {
  return {
    name,
    description: item.description ?? '',
    control: false as const,
    table: {
      category,
      ...(item.type ? { type: { summary: item.type.text } } : {}),
      ...(item.default !== undefined ? { defaultValue: { summary: item.default } } : {}),
    },
  };
}

/**
 * An element's rows in the Controls and Docs tables, read from the manifest:
 * attributes with the control their type asks for; properties, methods,
 * events, slots, parts and custom properties as documentation. Storybook's own
 * reading keys every row by its bare name, so the `conversation` part would
 * hide the `conversation` attribute and the default slot would be dropped,
 * and it offers a JSON editor for types like `string | undefined`.
 */
export function argTypesFromManifest(tagName: string): ArgTypes {
  const element = elements.get(tagName);
  if (!element) return {};
  const argTypes: ArgTypes = {};
  for (const attribute of element.attributes ?? []) {
    argTypes[attribute.name] = { ...row(attribute, 'attributes'), ...attributeControl(attribute.type?.text ?? '') };
  }
  for (const member of element.members ?? []) {
    if (member.static) continue;
    if (member.kind === 'method') argTypes[`method ${member.name}`] = row(member, 'methods', `${member.name}()`);
    else if (!(member.name in argTypes)) argTypes[member.name] = row(member, 'properties');
  }
  for (const event of element.events ?? []) argTypes[`event ${event.name}`] = row(event, 'events');
  for (const slot of element.slots ?? []) argTypes[`slot ${slot.name}`] = row(slot, 'slots', slot.name || '(default)');
  for (const part of element.cssParts ?? []) argTypes[`part ${part.name}`] = row(part, 'css shadow parts');
  for (const property of element.cssProperties ?? []) argTypes[property.name] = row(property, 'css custom properties');
  return argTypes;
}
