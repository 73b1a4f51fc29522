// Invents what happened on a call: the transcript, when each side spoke (so the recording can
// follow the conversation), the summary, outcome labels and post-call analysis.
import type { Prng } from './prng.ts';
import type { Persona } from './world.ts';
import type { CallOutput, CallType, SpeechTurn, TranscriptEntry } from './task-types.ts';
import { DAY_MS, wallClock } from './time.ts';

/** Outcome labels (post_call_data.summary.status and classification.labels). */
export const CONNECTED_OUTCOMES = [
  'Interested',
  'Not Interested',
  'Call Back',
  'Wrong Number',
  'Voicemail',
  'Do Not Call',
] as const;
export type ConnectedOutcome = (typeof CONNECTED_OUTCOMES)[number];

/** Calls that never connected: end reason and the status label the platform gives them. */
export const FAILURES = [
  { reason: 'customer-did-not-answer', label: 'No Answer' },
  { reason: 'customer-busy', label: 'Busy' },
  { reason: 'twilio-failed-to-connect-call', label: 'Not Connected' },
] as const;
export type Failure = (typeof FAILURES)[number];

export type CallResult =
  | { kind: 'completed'; outcome: ConnectedOutcome }
  | { kind: 'partial' }
  | { kind: 'failed'; failure: Failure };

export interface CallContext {
  persona: Persona;
  orgName: string;
  assistantNumber: string;
  customerName: string;
  contactNumber: string;
  email: string | null;
  company: string | null;
  callType: CallType;
  result: CallResult;
  startMs: number;
  /** Raw private URL of the recording, when the call has one. */
  recordingUrl: string;
  /** A long call (a few demo tasks): the conversation goes on until about this many seconds. */
  longCallSeconds?: number;
}

// What a long call talks about between its opening and its close, in turns.
const LONG_CALL_LINES: Line[] = [
  { role: 'assistant', text: 'Could you walk me through how your team handles this today?' },
  {
    role: 'user',
    text: 'Sure. Right now most of it is done by hand, and it takes a good part of every week.',
  },
  { role: 'assistant', text: 'That makes sense. Which part of that takes the most time for you?' },
  { role: 'user', text: 'Mostly the follow ups, and keeping track of who said what on each call.' },
  { role: 'assistant', text: 'Understood. How many people are involved in that on your side?' },
  { role: 'user', text: 'About five of us, sometimes more at the end of the quarter.' },
  { role: 'assistant', text: 'And if that were automated, what would you do with the time?' },
  { role: 'user', text: 'Honestly we would spend it with the customers who are ready to buy.' },
  { role: 'assistant', text: 'Let me explain how the pricing works for a team of that size.' },
  { role: 'user', text: 'Okay, go ahead, I am listening. Is there a minimum contract length?' },
];

/** Repeats the discussion before the close until the spoken lines fill about `seconds`. */
function lengthen(lines: Line[], seconds: number): Line[] {
  // About 6.6 s per line (speaking plus the pause after it).
  const extra = Math.max(0, Math.round(seconds / 6.6) - lines.length);
  const middle = Array.from({ length: extra }, (_, i) => LONG_CALL_LINES[i % LONG_CALL_LINES.length]!);
  const at = Math.max(1, lines.length - 2);
  return [...lines.slice(0, at), ...middle, ...lines.slice(at)];
}

export interface GeneratedCall {
  output: CallOutput;
  /** Speech turns for the audio; empty when there is no recording. */
  turns: SpeechTurn[];
  /** The outcome label (summary.status). */
  outcome: string;
}

/** The status label a result gets. */
export function outcomeLabel(result: CallResult): string {
  if (result.kind === 'completed') return result.outcome;
  if (result.kind === 'partial') return 'Call Back';
  return result.failure.label;
}

interface Script {
  speaker: string;
  topic: string;
  opener: string;
  inboundOpener: string;
  acks: readonly string[];
  middle: ReadonlyArray<readonly [string, string]>;
  /** The question before the customer's answer decides the outcome. */
  ask: string;
  /** The customer's answer for the two outcomes whose wording depends on the purpose. */
  yes: string;
  no: string;
  /** Summary sentences for those two outcomes. */
  yesSummary: string;
  noSummary: string;
}

const SCRIPTS: Record<Persona, Script> = {
  sales: {
    speaker: 'Aria',
    topic: 'automating customer follow-up calls',
    opener: 'Hi {first}, this is {speaker} calling from {org}. Is this a good time to talk for two minutes?',
    inboundOpener: 'Thank you for calling {org}, this is {speaker}. How can I help you today?',
    acks: [
      'Yes, sure, go ahead.',
      'Hello? Yes, this is {first}.',
      'Okay, what is it about?',
      'Yeah, I have a minute.',
    ],
    middle: [
      [
        'You recently downloaded our guide on automating customer calls. Is that something {company} is looking into?',
        "Yes, we've been comparing a few options for a couple of weeks.",
      ],
      ['How many calls does your team handle in a typical week?', 'Roughly {n} calls, mostly follow-ups.'],
      [
        'Our platform takes over those follow-ups and logs every outcome automatically.',
        'Interesting. Does it work with the CRM we already use?',
      ],
      [
        'It connects to most CRMs through an API, and the setup usually takes a day.',
        'Okay, that sounds reasonable.',
      ],
    ],
    ask: 'Would you like me to send you more information and set up a short demo?',
    yes: 'That sounds good. Please send me the details.',
    no: "Honestly, we're not interested in that right now.",
    yesSummary: '{first} showed interest and asked for the details by email.',
    noSummary: '{first} said they are not interested at the moment.',
  },
  qualifier: {
    speaker: 'Nova',
    topic: 'a demo of our calling platform',
    opener: "Hello {first}, I'm {speaker} from {org}. You asked about a demo on our website, right?",
    inboundOpener: 'Hi, you have reached {org}. This is {speaker}, how can I help?',
    acks: ['Yes, that was me.', 'Oh right, yes.', 'Hmm, I think so, yes.'],
    middle: [
      ['What budget range are you working with for this project?', 'Somewhere around {amount} for the year.'],
      ['And when would you like to have something running?', 'Ideally by the end of next quarter.'],
      ['Who else would be involved in the decision?', 'Our operations head and me.'],
    ],
    ask: 'Shall I book a demo with our product team this week?',
    yes: 'Yes, please. Send me a few time slots.',
    no: "I don't think we'll go ahead with this, thanks.",
    yesSummary: '{first} qualified and asked for demo time slots.',
    noSummary: '{first} does not plan to go ahead.',
  },
  payments: {
    speaker: 'Dev',
    topic: 'invoice {invoice}',
    opener:
      "Hello {first}, this is {speaker} from {org} accounts. I'm calling about invoice {invoice} for {amount}, which was due on {due}.",
    inboundOpener: '{org} accounts, this is {speaker} speaking. How can I help you?',
    acks: ['Yes, I remember that one.', 'Okay, go on.', 'Which invoice was that again?'],
    middle: [
      [
        'Could you confirm whether the payment has been started?',
        "Let me check. I think it's with our finance team.",
      ],
      ['We can also send a payment link by SMS if that is easier.', 'That might help, yes.'],
      ['Just to confirm, the total is {amount}.', 'Right, I see it here.'],
    ],
    ask: 'When can we expect the payment?',
    yes: "We'll pay it by Friday. Please send me the payment link.",
    no: "We're not paying that invoice. There's a dispute about the delivery.",
    yesSummary: '{first} promised to pay by Friday and asked for a payment link.',
    noSummary: '{first} disputes the invoice and will not pay it for now.',
  },
  feedback: {
    speaker: 'Sam',
    topic: 'the recent visit',
    opener:
      'Hi {first}, this is {speaker} from {org}. You visited us on {visit}. Do you have a minute to tell us how it went?',
    inboundOpener: 'Thanks for calling {org}, this is {speaker}. What can I do for you?',
    acks: ['Sure.', 'Yes, okay.', 'I have a minute, yes.'],
    middle: [
      ['On a scale of one to five, how would you rate your visit?', "I'd say a {rating}."],
      ['What could we have done better?', 'The waiting time was a bit long, otherwise it was fine.'],
      ['Would you recommend us to friends or family?', 'Probably, yes.'],
    ],
    ask: 'Would you like us to tell you about upcoming offers at {org}?',
    yes: 'Sure, that would be nice.',
    no: "No thanks, I'm not interested in offers.",
    yesSummary: '{first} shared feedback and agreed to hear about offers.',
    noSummary: '{first} shared feedback but does not want offers.',
  },
  chat: {
    speaker: 'Assistant',
    topic: 'your question',
    opener: 'Hi {first}, this is the {org} assistant.',
    inboundOpener: 'Hi, this is the {org} assistant.',
    acks: ['Hi.'],
    middle: [['How can I help?', 'Just checking something.']],
    ask: 'Anything else?',
    yes: 'Yes, tell me more.',
    no: 'No, thanks.',
    yesSummary: '{first} asked for more information.',
    noSummary: '{first} needed nothing else.',
  },
};

interface Utterance {
  role: 'assistant' | 'user';
  text: string;
}
interface SystemNote {
  role: 'system';
  type: string;
  message: string;
}
type Line = Utterance | SystemNote;

function closing(outcome: ConnectedOutcome, script: Script): Utterance[] {
  switch (outcome) {
    case 'Interested':
      return [
        { role: 'user', text: script.yes },
        {
          role: 'assistant',
          text: "Great, I'll send the details to {email} today. Thank you, {first}!",
        },
        { role: 'user', text: 'Thank you, bye.' },
      ];
    case 'Not Interested':
      return [
        { role: 'user', text: script.no },
        { role: 'assistant', text: 'I understand. Thanks for your time, {first}. Have a good day.' },
      ];
    case 'Call Back':
      return [
        { role: 'user', text: "I'm in the middle of something. Can you call me back tomorrow afternoon?" },
        {
          role: 'assistant',
          text: "Of course, I'll call you back tomorrow at around three. Thanks, {first}!",
        },
        { role: 'user', text: 'Okay, bye.' },
      ];
    case 'Do Not Call':
      return [
        { role: 'user', text: 'Please stop calling me and remove this number from your list.' },
        {
          role: 'assistant',
          text: "Understood. I've noted that and you won't receive further calls from us. Goodbye.",
        },
      ];
    case 'Wrong Number':
    case 'Voicemail':
      return [];
  }
}

const SUMMARIES: Record<string, string> = {
  Interested: '{speaker} called {first} about {topic}. {yesSummary}',
  'Not Interested': '{speaker} called {first} about {topic}. {noSummary}',
  'Call Back':
    '{speaker} reached {first} about {topic}, but {first} was busy and asked to be called back tomorrow afternoon.',
  'Wrong Number':
    'The person who answered said the number does not belong to {first}. The call was ended politely.',
  Voicemail:
    'The call went to voicemail. {speaker} left a short message about {topic} with a call-back request.',
  'Do Not Call':
    '{first} asked not to be called again and to be removed from the list. The request was acknowledged.',
  partial: '{speaker} introduced the call about {topic}, but the line went silent and the call timed out.',
};

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function scriptLines(p: Prng, ctx: CallContext, script: Script): Line[] {
  const lines: Line[] = [];
  if (p.chance(0.2)) lines.push({ role: 'system', type: 'call_connected', message: 'Call connected' });
  const result = ctx.result;
  if (result.kind === 'completed' && result.outcome === 'Voicemail') {
    lines.push({
      role: 'user',
      text: 'The person you are calling is not available. Please leave a message after the tone.',
    });
    lines.push({
      role: 'system',
      type: 'voicemail_detected',
      message: 'Voicemail detected, leaving a message',
    });
    lines.push({
      role: 'assistant',
      text: 'Hi {first}, this is {speaker} from {org}, calling about {topic}. Please call us back at this number when you can. Thank you!',
    });
    return lines;
  }
  if (ctx.callType === 'inbound') {
    lines.push({ role: 'assistant', text: script.inboundOpener });
    lines.push({
      role: 'user',
      text: "Hi, I'm {first}. I got a call from this number earlier about {topic}.",
    });
  } else {
    lines.push({ role: 'assistant', text: script.opener });
    if (result.kind === 'completed' && result.outcome === 'Wrong Number') {
      lines.push({
        role: 'user',
        text: "Sorry, I think you have the wrong number. There's no {first} here.",
      });
      lines.push({ role: 'assistant', text: 'My apologies for the trouble. Have a good day.' });
      return lines;
    }
    lines.push({ role: 'user', text: p.pick(script.acks) });
  }
  const middleCount = result.kind === 'partial' ? 1 : p.int(1, script.middle.length);
  for (const [a, u] of script.middle.slice(0, middleCount)) {
    lines.push({ role: 'assistant', text: a });
    lines.push({ role: 'user', text: u });
  }
  if (result.kind === 'partial') {
    lines.push({ role: 'assistant', text: 'Hello? {first}, are you still there?' });
    lines.push({
      role: 'system',
      type: 'silence_timeout',
      message: 'No response from the customer for 30 seconds',
    });
    return lines;
  }
  if (result.kind === 'completed') {
    lines.push({ role: 'assistant', text: script.ask });
    lines.push(...closing(result.outcome, script));
  }
  if (p.chance(0.08))
    lines.push({ role: 'system', type: 'call_ended', message: 'Call ended by the customer' });
  return lines;
}

/** A wall-clock timestamp, or "" for calls whose transcript has none (both occur). */
type Stamp = (offsetSec: number) => string;

function timeLines(
  p: Prng,
  lines: Line[],
  vars: Record<string, string>,
  stamp: Stamp,
): { transcript: TranscriptEntry[]; turns: SpeechTurn[]; durationSec: number } {
  const transcript: TranscriptEntry[] = [];
  const turns: SpeechTurn[] = [];
  let t = p.float(0.8, 2.0); // connecting
  for (const line of lines) {
    if (line.role === 'system') {
      if (line.type === 'silence_timeout') t += 30; // the silence the entry reports
      transcript.push({ role: 'system', type: line.type, message: line.message, timestamp: stamp(t) });
      continue;
    }
    const text = fill(line.text, vars);
    const words = text.split(/\s+/).length;
    const speaking = words / (line.role === 'assistant' ? 2.6 : 2.3) + p.float(0.2, 0.6);
    transcript.push({
      role: line.role,
      content: text,
      user_id: line.role === 'user' ? 'unknown' : null,
      timestamp: stamp(t),
    });
    turns.push({ role: line.role, startSec: round(t, 3), endSec: round(t + speaking, 3) });
    t += speaking + p.float(0.4, 1.4);
  }
  return { transcript, turns, durationSec: round(t + p.float(0.3, 1.5), 3) };
}

function successEvaluator(p: Prng, outcome: string): string {
  const score = outcome === 'Interested' ? p.int(4, 5) : outcome === 'Call Back' ? p.int(3, 4) : p.int(1, 3);
  const reason = `The agent followed the script; outcome: ${outcome.toLowerCase()}.`;
  const roll = p.next();
  // A few are not valid JSON, as on the platform: the client must show them as text.
  if (roll < 0.03) return `score: ${score} - ${reason}`;
  if (roll < 0.06) return `{"score": ${score}, "reason": "The agent followed`;
  return JSON.stringify({ score, reason });
}

function structuredData(p: Prng, ctx: CallContext, outcome: string, callbackAt: string | null): string {
  const data = {
    customer_name: outcome === 'Wrong Number' ? null : ctx.customerName,
    interested: outcome === 'Interested',
    callback_requested: callbackAt !== null,
    preferred_time: callbackAt,
    do_not_call: outcome === 'Do Not Call',
    notes: null,
  };
  const roll = p.next();
  if (roll < 0.03) {
    // Python repr instead of JSON: it happens.
    return `{'customer_name': '${ctx.customerName.replace(/'/g, "\\'")}', 'interested': ${data.interested ? 'True' : 'False'}}`;
  }
  if (roll < 0.05) return 'N/A';
  return JSON.stringify(data);
}

/** Builds a call's output. Failed calls get an output without transcript or recording. */
export function generateCall(p: Prng, ctx: CallContext, extra: Record<string, string>): GeneratedCall {
  const script = SCRIPTS[ctx.persona];
  const first = ctx.customerName.split(' ')[0] ?? ctx.customerName;
  const vars: Record<string, string> = {
    first,
    speaker: script.speaker,
    org: ctx.orgName,
    company: ctx.company ?? 'your company',
    email: ctx.email ?? 'your email',
    n: String(p.int(2, 40) * 25),
    rating: p.pick(['three', 'four', 'five']),
    ...extra,
  };
  vars['topic'] = fill(script.topic, vars);
  vars['yesSummary'] = fill(script.yesSummary, vars);
  vars['noSummary'] = fill(script.noSummary, vars);
  const outcome = outcomeLabel(ctx.result);
  const type = ctx.callType === 'inbound' ? 'inboundPhoneCall' : 'outboundPhoneCall';

  if (ctx.result.kind === 'failed') {
    const ringSec = ctx.result.failure.reason === 'customer-did-not-answer' ? p.float(25, 40) : p.float(2, 8);
    return {
      outcome,
      turns: [],
      output: {
        call_id: p.uuid7(ctx.startMs),
        customer: ctx.customerName,
        contact_number: ctx.contactNumber,
        call_end_reason: ctx.result.failure.reason,
        transcript: [],
        start_time: wallClock(ctx.startMs),
        end_time: wallClock(ctx.startMs + ringSec * 1000),
        assistant_number: ctx.assistantNumber,
        call_summary: '',
        duration: 0,
        cost: 0,
        post_call_data: {
          classification: { labels: [outcome], summary: 'The call did not connect.' },
          summary: {
            status: outcome,
            summary: 'The call did not connect.',
            name: 'N/A',
            contact: 'N/A',
            callback_datetime: 'N/A',
            hours_from_now: 'N/A',
          },
          success_evaluator: '',
          call_back: null,
          follow_up: null,
          structured_data: '{}',
          webhook_data: null,
          call_evaluation: [],
        },
        metadata: {
          cost: 0,
          type,
          usage: { llm_prompt_tokens: 0, llm_completion_tokens: 0, stt_seconds: 0, tts_characters: 0 },
        },
      },
    };
  }

  const withStamps = p.chance(0.6);
  const stamp: Stamp = withStamps ? (offset) => wallClock(ctx.startMs + offset * 1000) : () => '';
  const scripted = scriptLines(p, ctx, script);
  const lines = ctx.longCallSeconds ? lengthen(scripted, ctx.longCallSeconds) : scripted;
  const { transcript, turns, durationSec } = timeLines(p, lines, vars, stamp);
  const cost = round((durationSec / 60) * p.float(0.08, 0.12), 3);
  const summary = fill(SUMMARIES[ctx.result.kind === 'partial' ? 'partial' : outcome] ?? '', vars);
  const callbackMs = outcome === 'Call Back' ? ctx.startMs + DAY_MS + p.int(-3, 3) * 3_600_000 : null;
  const callbackAt = callbackMs === null ? null : wallClock(callbackMs);
  const labels = [outcome];
  if (outcome === 'Interested' && p.chance(0.15)) labels.push('Follow Up');
  const ttsChars = transcript.reduce((n, e) => n + (e.role === 'assistant' ? e.content.length : 0), 0);
  const endReason =
    ctx.result.kind === 'partial'
      ? 'silence-timed-out'
      : outcome === 'Voicemail'
        ? 'voicemail'
        : p.pick(['customer-ended-call', 'customer-ended-call', 'assistant-ended-call']);

  const output: CallOutput = {
    call_id: p.uuid7(ctx.startMs),
    customer: ctx.customerName,
    contact_number: ctx.contactNumber,
    call_end_reason: endReason,
    recording_url: ctx.recordingUrl,
    transcript,
    start_time: wallClock(ctx.startMs),
    end_time: wallClock(ctx.startMs + durationSec * 1000),
    assistant_number: ctx.assistantNumber,
    call_summary: summary,
    duration: durationSec,
    cost,
    post_call_data: {
      classification: {
        labels,
        summary: `The agent called to discuss ${vars['topic']}. Outcome: ${outcome}.`,
      },
      summary: {
        status: outcome,
        summary,
        name: outcome === 'Wrong Number' || outcome === 'Voicemail' ? 'N/A' : ctx.customerName,
        contact: outcome === 'Wrong Number' ? 'N/A' : ctx.contactNumber,
        callback_datetime: callbackAt ?? 'N/A',
        hours_from_now:
          callbackMs === null ? 'N/A' : String(Math.round((callbackMs - ctx.startMs) / 3_600_000)),
      },
      success_evaluator: successEvaluator(p, outcome),
      call_back:
        callbackAt === null ? null : { datetime: callbackAt, reason: 'Customer asked to be called back' },
      follow_up: outcome === 'Interested' ? 'Send details by email' : null,
      structured_data: structuredData(p, ctx, outcome, callbackAt),
      webhook_data: null,
      call_evaluation: p.chance(0.5)
        ? [
            { criterion: 'Introduced themselves', passed: true },
            { criterion: 'Stated the purpose of the call', passed: p.chance(0.9) },
            {
              criterion: 'Confirmed next steps',
              passed: outcome === 'Interested' || outcome === 'Call Back',
            },
          ]
        : [],
    },
    metadata: {
      cost,
      type,
      usage: {
        llm_prompt_tokens: p.int(800, 4000),
        llm_completion_tokens: p.int(80, 600),
        stt_seconds: round(durationSec, 1),
        tts_characters: ttsChars,
      },
    },
  };
  if (p.chance(0.3) && outcome !== 'Wrong Number' && outcome !== 'Voicemail') {
    output.post_call_data.profile_summary = `${ctx.customerName}${ctx.company ? ` (${ctx.company})` : ''}: ${outcome.toLowerCase()}.`;
  }
  return { output, turns, outcome };
}
