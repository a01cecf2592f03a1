// Plain text of a PDF as pdf.js (Firefox's viewer) gives it: each text item's string, a newline
// where pdf.js marks the end of a line, a form feed between pages.
// usage: node bench/peers/pdfjs_text.mjs FILE.pdf   (needs `npm install --prefix bench/peers pdfjs-dist@4`)
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import fs from "fs";

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= doc.numPages; number++) {
  const content = await (await doc.getPage(number)).getTextContent();
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
}
process.stdout.write(pages.join("\f"));
