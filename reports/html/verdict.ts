/** A verdict as a coloured badge, and the summary cards at the top of a page. */
import { escapeMarkup, html } from './escape.js';

export function badge(verdict: string): string {
  const safe = /^[A-Z-]+$/.test(verdict) ? verdict : 'UNTESTED';
  return `<span class="v v-${safe}">${html(verdict)}</span>`;
}

export interface Card {
  readonly label: string;
  readonly value: string | number;
  /** A verdict name, to colour the figure. */
  readonly tone?: string;
  readonly id?: string;
}

export function cards(list: readonly Card[]): string {
  return `<div class="cards">${list
    .map(
      (c) =>
        `<div class="card${c.tone ? ` c-${escapeMarkup(c.tone)}` : ''}"${c.id ? ` id="${escapeMarkup(c.id)}"` : ''}>` +
        `<div class="n">${html(String(c.value))}</div><div class="l">${html(c.label)}</div></div>`,
    )
    .join('')}</div>`;
}
