// File paths and URIs for the machine formatters (sarif, github, junit). Pure: the path flavour
// (POSIX or Windows) is read from the strings themselves, so a report made on Windows is the same
// whatever machine formats it, and tests can use either style anywhere.

import { posix, win32 } from "node:path";

/** `C:\…`, `C:/…` or a UNC path `\\server\share\…`. */
const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\[^\\/])/;

export interface ReportPath {
  /** Forward slashes; relative to cwd when `inside`, else the absolute path. */
  path: string;
  /** True when the file is under cwd (or the path was relative to begin with, like `<text>.txt`). */
  inside: boolean;
  /** Absolute path in its own flavour (the input when it was not absolute). */
  absolute: string;
  windows: boolean;
}

/** True for a Windows absolute path, whatever platform this runs on. */
export const isWindowsPath = (path: string): boolean => WINDOWS_ABSOLUTE.test(path);

export function reportPath(filePath: string, cwd: string): ReportPath {
  const windows = isWindowsPath(cwd) || isWindowsPath(filePath);
  const p = windows ? win32 : posix;
  if (!p.isAbsolute(filePath)) {
    return { path: filePath.replace(/\\/g, "/").replace(/^\.\//, ""), inside: true, absolute: filePath, windows };
  }
  const rel = p.relative(cwd, filePath);
  const outside = rel === "" || rel === ".." || rel.startsWith(`..${p.sep}`) || p.isAbsolute(rel);
  const slashed = (s: string): string => (windows ? s.replace(/\\/g, "/") : s);
  return outside
    ? { path: slashed(filePath), inside: false, absolute: filePath, windows }
    : { path: slashed(rel), inside: true, absolute: filePath, windows };
}

/** A relative URI reference: each segment percent-encoded (spaces, `#`, `%`, CJK, `:`). */
export function relativeUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** `file:` URI of an absolute path; a folder (`directory`) gets the trailing slash SARIF requires. */
export function fileUri(absolute: string, windows: boolean, directory = false): string {
  let uri: string;
  if (windows) {
    const slashed = absolute.replace(/\\/g, "/");
    const unc = /^\/\/([^/]+)(\/.*)?$/.exec(slashed);
    if (unc) {
      uri = `file://${encodeURIComponent(unc[1]!)}${relativeUri(unc[2] ?? "/")}`;
    } else {
      const drive = /^([A-Za-z]):(\/.*)?$/.exec(slashed);
      uri = drive ? `file:///${drive[1]!.toUpperCase()}:${relativeUri(drive[2] ?? "/")}` : `file:///${relativeUri(slashed)}`;
    }
  } else {
    uri = `file://${relativeUri(absolute.startsWith("/") ? absolute : `/${absolute}`)}`;
  }
  return directory && !uri.endsWith("/") ? `${uri}/` : uri;
}
