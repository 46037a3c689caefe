/**
 * The fonts and the ICC profile the PDF embeds, carried in the bundle (the product never reads the system's fonts:
 * a Lambda has none). Unpacked once per container, on first use.
 */
import { brotliDecompressSync } from 'node:zlib';
import { packedBoldFont, packedRegularFont, packedSrgbProfile } from './assets/assets.packed.generated.js';

export interface DocumentAssets {
  regularFont: Uint8Array;
  boldFont: Uint8Array;
  srgbProfile: Uint8Array;
}

let assets: DocumentAssets | undefined;

export function documentAssets(): DocumentAssets {
  assets ??= {
    regularFont: unpack(packedRegularFont),
    boldFont: unpack(packedBoldFont),
    srgbProfile: unpack(packedSrgbProfile),
  };
  return assets;
}

function unpack(base64: string): Uint8Array {
  return new Uint8Array(brotliDecompressSync(Buffer.from(base64, 'base64')));
}
