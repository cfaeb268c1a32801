#!/usr/bin/env node
// Writes the SheetJS part of the boardpack reader corpus.
//   TZ=UTC NODE_PATH=tests/corpus/node_modules node sheetjs_write.js OUTDIR
// Prints the names of the files it wrote, one per line.
//
//   sj_sst.xlsx    bookSST: true  -> strings in sharedStrings.xml (t="s")
//   sj_str.xlsx    bookSST: false -> strings written as t="str" <v> cells
//   sj_dates.xlsx  cellDates: true -> dates written as t="d" ISO 8601 cells
"use strict";
const path = require("path");
const XLSX = require("xlsx");

const out = process.argv[2];
if (!out) {
  console.error("usage: sheetjs_write.js OUTDIR");
  process.exit(2);
}

// Dates as UTC midnight / UTC times, so the output does not depend on TZ.
const utc = (y, m, d, hh = 0, mm = 0, ss = 0, ms = 0) =>
  new Date(Date.UTC(y, m - 1, d, hh, mm, ss, ms));

function valuesSheet() {
  const aoa = [
    ["strings", "numbers", "bools", "formulas", "dates"],
    ["plain text", 0, true, null, null],
    ["£1,234 – budget’s é Ł", -1.5, false, null, null],
    ["emoji 🎉 CJK 東京", 1e-7, null, null, null],
    ["  spaced  ", 1e15, null, null, null],
    ["line1\nline2", 0.1 + 0.2, null, null, null],
    ["<&>\"'", 42, null, null, null],
    ["plain text", 2 ** 53, null, null, null],  // repeated string
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  // errors (SheetJS error codes: 0x2A #N/A, 0x07 #DIV/0!, 0x0F #VALUE!,
  // 0x17 #REF!, 0x1D #NAME?, 0x24 #NUM!, 0x00 #NULL!)
  const errs = [0x2a, 0x07, 0x0f, 0x17, 0x1d, 0x24, 0x00];
  errs.forEach((code, i) => {
    ws[XLSX.utils.encode_cell({ r: i + 1, c: 5 })] = { t: "e", v: code };
  });
  ws["F1"] = { t: "s", v: "errors" };
  // formulas with cached values
  ws["D2"] = { t: "n", v: 41.5, f: "SUM(B2:B3)+B7" };
  ws["D3"] = { t: "s", v: "ab", f: '"a"&"b"' };
  ws["D4"] = { t: "b", v: true, f: "C2" };
  ws["D5"] = { t: "e", v: 0x07, f: "1/0" };
  ws["D6"] = { t: "n", f: "B2*2" }; // no cached value
  // array formula G2:G4
  ws["G1"] = { t: "s", v: "array" };
  ws["G2"] = { t: "n", v: 0, f: "B2:B4*2", F: "G2:G4" };
  ws["G3"] = { t: "n", v: -3, F: "G2:G4" };
  ws["G4"] = { t: "n", v: 2e-7, F: "G2:G4" };
  // number formats: dates stored as serial numbers with a format
  const fmts = [
    ["dd/mm/yyyy", 45169],
    ["d mmm yy", 45169.5],
    ["yyyy-mm-dd hh:mm:ss", 45169.6041666667],
    ["h:mm AM/PM", 0.75],
    ["[h]:mm:ss", 1.1041666666666667],
    ["mm:ss.0", 0.000758101851851852],
    ['0 "days"', 5],
    ["0.00%", 0.25],
    [14, 45170], // builtin id given as a number
  ];
  fmts.forEach(([z, v], i) => {
    ws[XLSX.utils.encode_cell({ r: i + 1, c: 8 })] = { t: "n", v, z };
    ws[XLSX.utils.encode_cell({ r: i + 1, c: 7 })] = { t: "s", v: String(z) };
  });
  ws["H1"] = { t: "s", v: "format" };
  ws["I1"] = { t: "s", v: "value" };
  // JS Date objects
  ws["E2"] = { t: "d", v: utc(2023, 8, 31), z: "yyyy-mm-dd" };
  ws["E3"] = { t: "d", v: utc(2023, 8, 31, 14, 30, 5), z: "yyyy-mm-dd hh:mm:ss" };
  ws["E4"] = { t: "d", v: utc(2024, 2, 29) }; // default format 14
  ws["!ref"] = "A1:I12";
  ws["!merges"] = [XLSX.utils.decode_range("A10:C11")];
  ws["A10"] = { t: "s", v: "merged" };
  ws["!rows"] = [];
  ws["!rows"][8] = { hidden: true }; // row 9
  ws["A9"] = { t: "s", v: "hidden row 9" };
  ws["!cols"] = [];
  ws["!cols"][9] = { hidden: true }; // J
  ws["!cols"][10] = { hidden: true }; // K
  ws["J1"] = { t: "s", v: "hidden col J" };
  ws["K1"] = { t: "n", v: 11 };
  ws["!ref"] = "A1:K12";
  return ws;
}

function book(opts) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, valuesSheet(), "Values");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["hidden"]]), "Hidden");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["very", 2]]), "Very Hidden");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[]]), "Empty");
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }, { Hidden: 2 }, { Hidden: 0 }] };
  return wb;
}

const written = [];
function write(name, wb, opts) {
  XLSX.writeFile(wb, path.join(out, name), Object.assign({ bookType: "xlsx" }, opts));
  written.push(name);
}

write("sj_sst.xlsx", book(), { bookSST: true });
write("sj_str.xlsx", book(), { bookSST: false });

// t="d" cells: SheetJS writes ISO 8601 strings when cellDates is set
const wbd = XLSX.utils.book_new();
const wsd = XLSX.utils.aoa_to_sheet(
  [
    ["label", "date"],
    ["midnight", utc(2023, 8, 31)],
    ["afternoon", utc(2023, 8, 31, 14, 30, 5)],
    ["with ms", utc(2023, 8, 31, 14, 30, 5, 250)],
    ["leap day", utc(2024, 2, 29)],
    ["old", utc(1901, 1, 1)],
    ["number", 45169],
  ],
  { cellDates: true }
);
XLSX.utils.book_append_sheet(wbd, wsd, "Dates");
write("sj_dates.xlsx", wbd, { cellDates: true, bookSST: true });

for (const n of written) console.log(n);
