/**
 * The DOM as the workbench helpers' in-page callbacks read it. The scripts compile without the DOM
 * library (they run in Node; only the callbacks run in the page), so the callbacks type what they
 * touch with these few members instead of `any`. (Types only: a callback is sent to the page as
 * source text, so it cannot call this module's functions.)
 */

/** A text node, as a tree walker yields it. */
interface PageText {
  textContent: string;
}

export interface PageElement {
  tagName: string;
  textContent: string | null;
  innerText?: string;
  style: { top: string };
  getAttribute(name: string): string | null;
  querySelector(selectors: string): PageElement | null;
  querySelectorAll(selectors: string): ArrayLike<PageElement>;
  blur(): void;
}

interface PageRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PageDocument {
  activeElement: PageElement | null;
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageText | null };
  createRange(): {
    setStart(node: PageText, offset: number): void;
    setEnd(node: PageText, offset: number): void;
    getBoundingClientRect(): PageRect;
  };
}

