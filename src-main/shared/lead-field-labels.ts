// The words for the document fields a lead file's column can go to: the same in main's messages
// (a column mapped twice) and on the Import page's mapping, so the user reads one name for each.
export const LEAD_FIELD_LABELS = {
  name: 'Name',
  contact_number: 'Phone number',
  alternate_number: 'Alternate number',
  email: 'Email',
  occupation: 'Occupation',
  company_name: 'Company',
  address: 'Address',
  about: 'About',
  context: 'Context',
  labels: 'Labels',
  title: 'Title',
  description: 'Description',
} as const;
