#!/usr/bin/env node
// Peer reader: SheetJS (npm package `xlsx`).
//
//     node bench/peer_sheetjs.js FILE.xlsx
//
// Reads FILE with XLSX.readFile() using the library's default options (a full
// in-memory workbook, as SheetJS users get it), walks every cell of every
// sheet, counts the cells that carry a value and prints the count.
// Install the dependency with:  npm install --prefix bench
'use strict';

const path = require('path');
const XLSX = require(path.join(__dirname, 'node_modules', 'xlsx'));

function countCells(file) {
  const wb = XLSX.readFile(file);
  let n = 0;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    for (const addr in ws) {
      if (addr.charCodeAt(0) === 33) continue; // '!ref', '!cols', ... are metadata
      const cell = ws[addr];
      if (cell && cell.v !== undefined && cell.v !== null) n++;
    }
  }
  return n;
}

if (process.argv.length !== 3) {
  console.error('usage: peer_sheetjs.js FILE.xlsx');
  process.exit(2);
}
console.log(String(countCells(process.argv[2])));
