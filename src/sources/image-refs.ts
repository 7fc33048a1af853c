// Listing fields that name local image files (`images/sku-1.jpg`, `./photos/a.png; ./photos/b.png`):
// the images are linted too. Pure: which paths a text names; the caller checks they exist.

/** Image extensions the image reader handles. */
export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".tif", ".tiff", ".avif"] as const;

const IMAGE_PATH = /^(?![a-z][a-z0-9+.-]*:)(?!\/\/)[^\s<>"|?*:;,]+\.(?:png|jpe?g|webp|gif|tiff?|avif)$/i;

/**
 * Relative paths to image files in a field value: the whole value, or a list separated by
 * `;`, `,`, `|` or line breaks. URLs (`https://…`, `//cdn…`) and absolute paths are not local
 * references to an export's images, so they are left to the link rule.
 */
export function imagePathsIn(text: string): string[] {
  if (text.length > 4096 || !/\.(?:png|jpe?g|webp|gif|tiff?|avif)\b/i.test(text)) return [];
  const paths: string[] = [];
  for (const part of text.split(/[;,|\n]/)) {
    const candidate = part.trim().replace(/\\/g, "/");
    if (candidate.startsWith("/") || !IMAGE_PATH.test(candidate)) continue;
    paths.push(candidate);
  }
  return paths;
}
