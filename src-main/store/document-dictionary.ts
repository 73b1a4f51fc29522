// The preset deflate dictionary of stored task documents (document-codec.ts). Every task the
// platform sends has the same keys and many of the same values ("role":"assistant","user_id":null,
// "post_call_data":{"classification":…), so deflate, given them up front, writes each task's
// repeated structure as short back-references instead of spelling it out once per document.
// Measured on the benchmark's tasks at level 1: 0.42 → 0.26 of the JSON size, and no more CPU.
//
// It is the example task of the platform's "Get Tasks by Space Token" response (spec:
// unpod-tasks-api.md), compact as JSON.stringify writes it: the shape real tasks have, not the
// benchmark's generated text. Never edit it: the documents already stored were deflated with it
// and inflate only with the very same bytes. A different dictionary needs a new format flag.
const EXAMPLE_TASK = {
  _id: 'space_task_id_001',
  space_id: '999',
  thread_id: null,
  user: '456',
  user_org_id: '789',
  user_info: {
    id: '456',
    email: '[email protected]',
    full_name: 'Sarah Johnson',
    user_token: 'SPACE_TOKEN_ABC123',
  },
  created: '2025-01-15T14:30:00.000000',
  modified: '2025-01-15T14:35:00.000000',
  task_id: 'TASK_SPACE_456789',
  run_id: 'RUN_SPACE_987654',
  collection_ref: 'collection_data_SPACE123456',
  task: { objective: 'Follow up with potential clients for product demo' },
  input: {
    name: 'Rajesh Kumar',
    contact_number: '+919988776655',
    email: '[email protected]',
    address: 'Bangalore, Karnataka, India',
    occupation: 'CTO',
    company_name: 'TechStart Solutions',
    context: 'Interested in AI automation tools for their startup. Budget: 50K-1L, Timeline: Q1 2025',
  },
  output: {
    call_id: '019aa6a9-809f-7ddb-b110-7a16167cb632',
    customer: 'Cust 1',
    contact_number: '70000380188',
    call_end_reason: 'customer-ended-call',
    recording_url: 'https://store.unpod.ai/media/private/high-call-recordings/...',
    transcript: [
      { role: 'user', content: 'And reason for calling', user_id: 'unknown', timestamp: '' },
      { role: 'assistant', content: 'Hello?', user_id: null, timestamp: '' },
    ],
    start_time: '2025-11-21 13:45:20',
    end_time: '2025-11-21 13:46:36',
    assistant_number: '+919949883072',
    call_summary: 'An AI representative called regarding the premium project inquiry...',
    duration: 76.769,
    cost: 0.139,
    post_call_data: {
      classification: {
        labels: ['Interested'],
        summary: 'The agent called to discuss the project. The user expressed interest.',
      },
      summary: {
        status: 'Call Back',
        summary: 'The call involved an introduction and inquiry about the project.',
        name: 'N/A',
        contact: 'N/A',
        callback_datetime: 'N/A',
        hours_from_now: 'N/A',
      },
      success_evaluator: '{"score": 5, "reason": "..."}',
      call_back: null,
      follow_up: null,
      structured_data: '{"customer_name": null, ...}',
      webhook_data: null,
      call_evaluation: [],
    },
    metadata: { cost: 0.139, type: 'outboundPhoneCall', usage: {} },
  },
  attachments: [],
  assignee: 'sales-bot-v3',
  status: 'completed',
  execution_type: 'call',
  ref_id: 'lead_doc_456789',
};

/** Dictionary 1 (flag DICTIONARY_1 in the document header). */
export const DOCUMENT_DICTIONARY_1: Buffer = Buffer.from(JSON.stringify(EXAMPLE_TASK), 'utf8');
