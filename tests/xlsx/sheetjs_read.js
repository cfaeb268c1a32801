// Reads workbooks with SheetJS (npm xlsx) and prints, per file, every sheet as
// a grid of the text SheetJS would show (cell.w), with its merges, autofilter,
// formulas and the sheet list, as JSON for check_xlsx.py.
//   node sheetjs_read.js FILE...
const XLSX = require("xlsx");

const out = {};
for (const file of process.argv.slice(2)) {
  const wb = XLSX.readFile(file, { cellFormula: true, cellNF: true, cellStyles: true });
  const sheets = {};
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const range = XLSX.utils.decode_range(ws["!ref"] || "A1");
    const grid = [];
    const formulas = {};
    for (let r = 0; r <= range.e.r; ++r) {
      const row = [];
      for (let c = 0; c <= range.e.c; ++c) {
        const addr = XLSX.utils.encode_cell({ r, c });
        const cell = ws[addr];
        row.push(cell ? (cell.w !== undefined ? cell.w : String(cell.v === undefined ? "" : cell.v)) : "");
        if (cell && cell.f) formulas[addr] = cell.f;
      }
      grid.push(row);
    }
    sheets[name] = {
      grid,
      formulas,
      merges: (ws["!merges"] || []).map((m) => XLSX.utils.encode_range(m)),
      autofilter: ws["!autofilter"] ? ws["!autofilter"].ref : null,
    };
  }
  out[file] = { names: wb.SheetNames, sheets, props: wb.Props || {} };
}
process.stdout.write(JSON.stringify(out));
