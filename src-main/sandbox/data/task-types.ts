// Shapes of the platform's task payloads, as the sandbox serves them.

export const TASK_STATUSES = [
  'pending',
  'scheduled',
  'in_progress',
  'completed',
  'hold',
  'failed',
  'partially_completed',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type CallType = 'inbound' | 'outbound';

export interface TranscriptMessage {
  role: 'assistant' | 'user';
  content: string;
  user_id: string | null;
  /** Server wall-clock time of the message, or "" (both occur on the platform). */
  timestamp: string;
}

/** System entries carry {type, message} instead of content. */
export interface TranscriptSystemEntry {
  role: 'system';
  type: string;
  message: string;
  timestamp: string;
}

export type TranscriptEntry = TranscriptMessage | TranscriptSystemEntry;

export interface PostCallData {
  classification: { labels: string[]; summary: string };
  summary: {
    status: string;
    summary: string;
    name: string;
    contact: string;
    callback_datetime: string;
    hours_from_now: string;
  };
  /** JSON text (occasionally not valid JSON, as on the platform). */
  success_evaluator: string;
  call_back: { datetime: string; reason: string } | null;
  follow_up: string | null;
  /** JSON text (occasionally not valid JSON, as on the platform). */
  structured_data: string;
  webhook_data: null;
  call_evaluation: Array<{ criterion: string; passed: boolean }>;
  profile_summary?: string;
}

export interface CallOutput {
  call_id: string;
  customer: string;
  contact_number: string;
  call_end_reason: string;
  /** Absent when no audio was captured (calls that never connected). */
  recording_url?: string;
  transcript: TranscriptEntry[];
  start_time: string;
  end_time: string;
  assistant_number: string;
  call_summary: string;
  duration: number;
  cost: number;
  post_call_data: PostCallData;
  metadata: {
    cost: number;
    type: 'outboundPhoneCall' | 'inboundPhoneCall';
    usage: {
      llm_prompt_tokens: number;
      llm_completion_tokens: number;
      stt_seconds: number;
      tts_characters: number;
    };
  };
}

export type TaskOutput = CallOutput | Record<string, never>;

export interface Task {
  _id: string;
  space_id: string;
  thread_id: string | null;
  user: string;
  user_org_id: string;
  user_info: { id: string; email: string; full_name: string; user_token: string };
  created: string;
  modified: string;
  task_id: string;
  run_id: string;
  collection_ref: string;
  task: { objective: string };
  input: Record<string, unknown>;
  output: TaskOutput;
  attachments: unknown[];
  assignee: string;
  status: TaskStatus;
  execution_type: string;
  ref_id: string;
}

/** When each side speaks in the recording, in seconds from the start of the audio. */
export interface SpeechTurn {
  role: 'assistant' | 'user';
  startSec: number;
  endSec: number;
}
