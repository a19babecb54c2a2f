/** One file produced by the image pipeline, with its path relative to the site root. */
export interface GeneratedFile {
  fileName: string;
  data: Buffer;
}
