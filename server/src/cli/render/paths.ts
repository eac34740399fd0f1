/**
 * How the CLI writes paths: the one place each shape of path in its output is made.
 * Reports and documents use forward slashes (the same on every system, as CI and SARIF read
 * them); messages to the terminal use the system's own separators.
 */
import * as path from 'node:path';
import { nativeRelative, slashRelative } from '../../node/slashPath';

/** The path of a file as reports show it: relative to the working folder, with forward slashes. */
export function reportPath(file: string, cwd: string): string {
  return slashRelative(cwd, file) || path.basename(file);
}

/** `path:line` of a report or a card (the line is 1-based). */
export function pathLine(file: string, line: number, cwd: string): string {
  return `${reportPath(file, cwd)}:${line}`;
}

/** A file as a terminal message names it: relative to the working folder (native separators), else as given. */
export function shownPath(file: string, cwd: string): string {
  return nativeRelative(cwd, file) || file;
}

/** A folder as a terminal message names it: relative to the working folder, `.` for the folder itself. */
export function shownFolder(dir: string, cwd: string): string {
  return nativeRelative(cwd, dir) || '.';
}

/** The path of `p` below `dir` with forward slashes ('' for `dir` itself): a key that is the same on every system. */
export function slashPathBelow(dir: string, p: string): string {
  return slashRelative(dir, p);
}
