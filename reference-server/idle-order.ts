/**
 * Open connections in order of when each was last heard from, longest idle first. A
 * connection that sends moves to the end of a doubly linked list: its links are rewritten,
 * nothing is allocated. (Moving it in a Set, by delete and add, leaves a deleted entry on
 * every request; the Set's table is then copied whole every few thousand requests, and
 * with thousands of connections each copy is a large object that lives until a full
 * collection.)
 */
/** An item's place in the order, handed out by add() and given back to move or remove it. */
export interface IdleLink<T> {
  readonly item: T;
}

interface Link<T> extends IdleLink<T> {
  prev: Link<T> | undefined;
  next: Link<T> | undefined;
  linked: boolean;
}

export class IdleOrder<T> {
  #head: Link<T> | undefined;
  #tail: Link<T> | undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds an item as the most recently heard from; keep the link to move or remove it. */
  add(item: T): IdleLink<T> {
    const link: Link<T> = { item, prev: undefined, next: undefined, linked: false };
    this.#append(link);
    return link;
  }

  /** The item was just heard from: it becomes the last to be closed for being idle. */
  touch(place: IdleLink<T>): void {
    const link = place as Link<T>;
    if (!link.linked || link === this.#tail) return;
    this.#unlink(link);
    this.#append(link);
  }

  /** Takes the item out; removing it twice is harmless. */
  remove(place: IdleLink<T>): void {
    const link = place as Link<T>;
    if (link.linked) this.#unlink(link);
  }

  /** Takes out and returns the longest idle item. */
  shift(): T | undefined {
    const head = this.#head;
    if (head === undefined) return undefined;
    this.#unlink(head);
    return head.item;
  }

  /** The items, longest idle first, as an array of their own: the order may change meanwhile. */
  items(): T[] {
    const out: T[] = [];
    for (let link = this.#head; link !== undefined; link = link.next) out.push(link.item);
    return out;
  }

  #append(link: Link<T>): void {
    link.prev = this.#tail;
    link.next = undefined;
    if (this.#tail === undefined) this.#head = link;
    else this.#tail.next = link;
    this.#tail = link;
    link.linked = true;
    this.#size++;
  }

  #unlink(link: Link<T>): void {
    if (link.prev === undefined) this.#head = link.next;
    else link.prev.next = link.next;
    if (link.next === undefined) this.#tail = link.prev;
    else link.next.prev = link.prev;
    link.prev = undefined;
    link.next = undefined;
    link.linked = false;
    this.#size--;
  }
}
