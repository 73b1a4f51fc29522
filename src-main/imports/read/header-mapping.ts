// Columns → document fields, from the headers. Headers are compared folded (lower case, accents
// and punctuation dropped), against synonyms in English and a few other languages (Spanish,
// French, German, Portuguese, Hindi). Every column gets a target the user can change; a column
// nothing matches is kept as an `extra` field, which the platform stores in the task's input.
import { leadFieldNames, type LeadField } from '../checked-lead.ts';
import type { ColumnTarget, FileProblem } from './settings.ts';
import { LEAD_FIELD_LABELS } from '../../shared/lead-field-labels.ts';

/** "Phone No." → "phone no"; "Teléfono" → "telefono". */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

type AutoTarget = LeadField | 'first_name' | 'last_name';

const SYNONYMS: Record<AutoTarget, readonly string[]> = {
  contact_number: [
    'phone',
    'phone number',
    'phone no',
    'phonenumber',
    'mobile',
    'mobile number',
    'mobile no',
    'mobile phone',
    'cell',
    'cell phone',
    'cellphone',
    'cell number',
    'tel',
    'tel no',
    'telephone',
    'telephone number',
    'number',
    'contact',
    'contact number',
    'contact no',
    'contact phone',
    'whatsapp',
    'whatsapp number',
    'whatsapp no',
    'msisdn',
    'primary phone',
    'contact_number',
    // es / pt
    'telefono',
    'numero',
    'numero de telefono',
    'movil',
    'celular',
    'numero de celular',
    'telefone',
    'numero de telefone',
    'telemovel',
    // fr
    'numero de telephone',
    'portable',
    'tel portable',
    // de
    'telefon',
    'telefonnummer',
    'handy',
    'handynummer',
    'mobilnummer',
    'rufnummer',
    'nummer',
    // hi
    'फोन',
    'फ़ोन',
    'फोन नंबर',
    'फ़ोन नंबर',
    'मोबाइल',
    'मोबाइल नंबर',
    'नंबर',
  ],
  alternate_number: [
    'alternate number',
    'alternate phone',
    'alternative number',
    'alternative phone',
    'alt phone',
    'alt number',
    'other phone',
    'secondary phone',
    'second phone',
    'second number',
    'phone 2',
    'mobile 2',
    'landline',
    'work phone',
    'home phone',
    'alternate_number',
    'otro telefono',
    'telefono 2',
    'autre telephone',
    'telephone 2',
    'telefon 2',
    'zweite nummer',
    'telefone 2',
    'outro telefone',
    'वैकल्पिक नंबर',
    'दूसरा नंबर',
  ],
  name: [
    'name',
    'full name',
    'fullname',
    'contact name',
    'customer name',
    'lead name',
    'client name',
    'person',
    'nombre',
    'nombre completo',
    'nom complet',
    'vollstandiger name',
    'nome',
    'nome completo',
    'नाम',
    'पूरा नाम',
  ],
  first_name: [
    'first name',
    'firstname',
    'given name',
    'forename',
    'fname',
    'prenom',
    'vorname',
    'primeiro nome',
    'पहला नाम',
  ],
  last_name: [
    'last name',
    'lastname',
    'surname',
    'family name',
    'lname',
    'apellido',
    'apellidos',
    'nom de famille',
    'nom',
    'nachname',
    'familienname',
    'sobrenome',
    'apelido',
    'उपनाम',
  ],
  email: [
    'email',
    'e mail',
    'email address',
    'e mail address',
    'mail',
    'correo',
    'correo electronico',
    'courriel',
    'adresse e mail',
    'e mail adresse',
    'ईमेल',
  ],
  occupation: [
    'occupation',
    'job',
    'job title',
    'position',
    'designation',
    'profession',
    'role',
    'ocupacion',
    'puesto',
    'poste',
    'beruf',
    'ocupacao',
    'cargo',
    'profissao',
    'पेशा',
    'व्यवसाय',
  ],
  company_name: [
    'company',
    'company name',
    'organisation',
    'organization',
    'business',
    'employer',
    'firm',
    'empresa',
    'entreprise',
    'societe',
    'firma',
    'unternehmen',
    'कंपनी',
    'company_name',
  ],
  address: [
    'address',
    'street address',
    'postal address',
    'direccion',
    'adresse',
    'anschrift',
    'endereco',
    'morada',
    'पता',
  ],
  about: [
    'about',
    'notes',
    'note',
    'comments',
    'comment',
    'remarks',
    'bio',
    'notas',
    'remarques',
    'notizen',
    'bemerkungen',
    'observacoes',
    'टिप्पणी',
  ],
  context: ['context', 'contexto', 'contexte', 'kontext', 'संदर्भ'],
  labels: ['labels', 'label', 'tags', 'tag', 'etiquetas', 'etiquettes', 'schlagworter'],
  title: ['title', 'subject', 'titulo', 'titre', 'titel', 'शीर्षक'],
  description: ['description', 'descripcion', 'beschreibung', 'descricao', 'विवरण'],
};

const lookup: ReadonlyMap<string, AutoTarget> = (() => {
  const map = new Map<string, AutoTarget>();
  for (const [target, words] of Object.entries(SYNONYMS) as [AutoTarget, readonly string[]][]) {
    for (const word of words) map.set(foldHeader(word), target);
  }
  return map;
})();

/** The target a header suggests, or null when it names nothing we know. */
export function targetForHeader(header: string): AutoTarget | null {
  return lookup.get(foldHeader(header)) ?? null;
}

/** A, B, …, Z, AA: columns as a spreadsheet names them. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The automatic mapping: each field goes to the first column that names it. A second phone
 * column becomes the alternate number; a "Name" beside a "Last name" (and no "First name") is the
 * first name. Columns with the same header get the same target, so the duplicate is shown for the
 * user to resolve (never renamed or dropped without asking).
 */
export function autoMap(headers: readonly string[]): ColumnTarget[] {
  const suggested = headers.map(targetForHeader);
  const hasLast = suggested.includes('last_name');
  const hasFirst = suggested.includes('first_name');
  const taken = new Set<ColumnTarget>();
  const byFolded = new Map<string, ColumnTarget>();
  return headers.map((header, i) => {
    const folded = foldHeader(header);
    const same = folded === '' ? undefined : byFolded.get(folded);
    if (same !== undefined) return same;
    let target: ColumnTarget = suggested[i] ?? 'extra';
    if (target === 'name' && hasLast && !hasFirst) target = 'first_name';
    if (target === 'contact_number' && taken.has('contact_number')) target = 'alternate_number';
    if (target !== 'extra' && taken.has(target)) target = 'extra';
    taken.add(target);
    byFolded.set(folded, target);
    return target;
  });
}

const quoteHeader = (headers: readonly string[], i: number): string =>
  headers[i] === '' ? `column ${columnLetter(i)}` : `“${headers[i]}” (column ${columnLetter(i)})`;

/**
 * Document keys an extra column must not take: the journal's `document_id`, and fields the
 * platform's own documents carry (its create example sends `time`, `created`, `multi_select`).
 */
const RESERVED_EXTRA_KEYS: ReadonlySet<string> = new Set([
  'document_id',
  'created',
  'modified',
  'time',
  'multi_select',
  'status',
]);

/** Why a mapping cannot be used for this file, or null when it can. */
export function mappingProblem(
  headers: readonly string[],
  mapping: readonly ColumnTarget[],
): FileProblem | null {
  if (mapping.length !== headers.length) {
    return {
      code: 'mapping',
      message: `The mapping has ${mapping.length} columns but the file has ${headers.length}: map the file's columns again.`,
    };
  }
  // Same header, both imported: the user decides which one counts.
  const groups = new Map<string, number[]>();
  headers.forEach((h, i) => {
    const folded = foldHeader(h);
    if (folded === '' || mapping[i] === 'ignore') return;
    groups.set(folded, [...(groups.get(folded) ?? []), i]);
  });
  for (const columns of groups.values()) {
    if (columns.length < 2) continue;
    const letters = columns.map(columnLetter);
    return {
      code: 'duplicate_headers',
      message: `${columns.length} columns are called “${headers[columns[0]!]}” (columns ${letters.join(', ')}): choose the one to import and set the others to “Don't import”.`,
      columns,
    };
  }
  const seen = new Map<ColumnTarget, number>();
  for (const [i, target] of mapping.entries()) {
    if (target === 'extra' || target === 'ignore') continue;
    const earlier = seen.get(target);
    if (earlier !== undefined) {
      return {
        code: 'mapping',
        message: `${quoteHeader(headers, earlier)} and ${quoteHeader(headers, i)} are both mapped to ${targetLabels[target]}: map one of them to something else.`,
        columns: [earlier, i],
      };
    }
    seen.set(target, i);
  }
  if (!seen.has('contact_number')) {
    return {
      code: 'mapping',
      message: 'No column is mapped to the phone number: choose the column that holds it.',
    };
  }
  if (!seen.has('name') && !seen.has('first_name') && !seen.has('last_name')) {
    return {
      code: 'mapping',
      message: "No column is mapped to the lead's name: choose the column that holds it.",
    };
  }
  for (const [i, target] of mapping.entries()) {
    const key = headers[i]!.trim();
    if (target !== 'extra') continue;
    if (key === '') {
      return {
        code: 'mapping',
        message: `Column ${columnLetter(i)} has no header, so it cannot be kept as a field: give it a header in the file, or set it to “Don't import”.`,
        columns: [i],
      };
    }
    if ((leadFieldNames as readonly string[]).includes(key) || RESERVED_EXTRA_KEYS.has(key)) {
      return {
        code: 'mapping',
        message: `${quoteHeader(headers, i)} cannot be kept as an extra field because “${key}” is a document field: map it to that field, or set it to “Don't import”.`,
        columns: [i],
      };
    }
  }
  return null;
}

export const targetLabels: Record<ColumnTarget, string> = {
  ...LEAD_FIELD_LABELS,
  first_name: 'First name',
  last_name: 'Last name',
  extra: 'Keep as extra field',
  ignore: "Don't import",
};
