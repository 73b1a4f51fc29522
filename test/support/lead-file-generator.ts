// A realistic lead file of any size, written as a stream (so a 100 MB file never sits in memory):
// Indian and US numbers written the ways spreadsheets hold them, names, emails, companies,
// addresses and notes, about 200 bytes a row. Every 97th row has a problem (a number in
// scientific notation), every 89th repeats an earlier number. Deterministic for a given size.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export const LEAD_FILE_HEADER = 'Name,Mobile No.,Email,Company,Address,Notes,Labels';

const FIRST = ['Asha', 'Ravi', 'Meena', 'Kiran', 'John', 'Maria', 'Li', 'Fatima', 'Carlos', 'Zoë'];
const LAST = ['Rao', 'Kumar', 'Sharma', 'Smith', 'García', 'Nguyen', 'Müller', 'Khan', 'Okafor', 'Silva'];
const COMPANIES = ['Acme Pvt Ltd', 'Globex, Inc.', 'Initech', 'Umbrella Corp', 'Hooli', 'Stark Industries'];
const NOTES = [
  'Asked for a callback after 5pm; interested in the premium plan',
  'Renewal due next month, prefers Hindi',
  'Met at the expo. Wants a demo of the "enterprise" tier',
  'Left a voicemail twice, try the alternate number',
];

export interface GeneratedLeads {
  rows: number;
  bytes: number;
  /** Rows with a problem (scientific notation). */
  withProblems: number;
  /** Sendable rows repeating an earlier row's number. */
  duplicates: number;
}

/** Row i's number, as written in the file (E.164, national, or spaced). */
function numberOf(i: number): string {
  const n = (i * 7919) % 90_000_000;
  const national = `9${String(10_000_000 + n).padStart(9, '0')}`;
  switch (i % 3) {
    case 0:
      return `+91${national}`;
    case 1:
      return `${national.slice(0, 5)} ${national.slice(5)}`;
    default:
      return `+1 (469) ${300 + (Math.floor(i / 10_000) % 600)}-${String(i % 10_000).padStart(4, '0')}`;
  }
}

export async function writeLeadFile(path: string, rows: number): Promise<GeneratedLeads> {
  const out = createWriteStream(path);
  let bytes = 0;
  let withProblems = 0;
  let duplicates = 0;
  let buffer = `${LEAD_FILE_HEADER}\r\n`;
  for (let i = 1; i <= rows; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 3) % LAST.length]!;
    let phone = numberOf(i);
    if (i % 97 === 0) {
      phone = '9.87654E+9';
      withProblems++;
    } else if (i % 89 === 0 && i > 1) {
      const earlier = i - 1 - ((i - 1) % 97 === 0 ? 1 : 0);
      phone = numberOf(earlier);
      duplicates++;
    }
    const company = COMPANIES[i % COMPANIES.length]!;
    const note = NOTES[i % NOTES.length]!;
    buffer +=
      `${first} ${last},${phone},${first.toLowerCase()}.${i}@example.com,"${company}",` +
      `"${(i % 400) + 1} MG Road, Koregaon Park, Sector ${i % 60}, Pune, Maharashtra 4110${String(i % 100).padStart(2, '0')}",` +
      `"${note.replace(/"/g, '""')}","lead, batch-${i % 12}"\r\n`;
    if (buffer.length > 1 << 16) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, 'finish');
  return { rows, bytes, withProblems, duplicates };
}
