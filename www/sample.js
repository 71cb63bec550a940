// A small, valid one-page PDF (an invoice) built in the page, for "Use a sample PDF".

const LINES = [
  [24, "INVOICE #2291"],
  [11, "Acme Office Supplies Ltd. - 12 Harbour Road, Bristol"],
  [11, "Bill to: Northwind Traders, Accounts Payable"],
  [11, "Invoice date: 2026-11-03    Payment terms: net 30"],
  [11, " "],
  [11, "Qty  Item                              Unit      Amount"],
  [11, "  4  Ergonomic chair                 320.00    1,280.00"],
  [11, " 10  Desk lamp                        45.00      450.00"],
  [11, " 25  Notebook A5, pack of 5          12.00      300.00"],
  [11, " "],
  [11, "Subtotal 2,030.00    VAT 20% 406.00"],
  [14, "Amount due: EUR 2,436.00 by 2026-12-03"],
];

const escape = (text) => text.replace(/[\\()]/g, (c) => `\\${c}`);

/** The sample invoice as a File (application/pdf). */
export function samplePdf() {
  let y = 780;
  const content = LINES.map(([size, text]) => {
    y -= size + 10;
    return `BT /F1 ${size} Tf 60 ${y} Td (${escape(text)}) Tj ET`;
  }).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new File([pdf], "sample-invoice-2291.pdf", { type: "application/pdf" });
}
