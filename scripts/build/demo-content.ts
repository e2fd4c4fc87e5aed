import type { Answer, ControlMeta } from '../../src/domain/assessment/schema.ts';
/**
 * What the Halcyon demo says, as data: scripts/build/make-demo.ts turns it into the demo files
 * through the app's own changes, exports and hashes. Halcyon Finance is fictional; the situations
 * are the kind the catalogue's controls are about.
 */
export const ORGANISATION = 'Halcyon Finance (fictional)';
export const SCOPE =
  "Halcyon lending markets on Ethereum and Arbitrum, the Halcyon canonical bridge between them (escrow, relayer and verifier configuration), the admin, guardian and operations Safes, and the team's signing, deployment and monitoring infrastructure. The foundation treasury, held by an external qualified custodian under a separate agreement, is out of scope. Fictional organisation for demonstration only.";
export const ASSESSORS = ['A. Moreau (lead assessor)', 'K. Osei'];
export const NOT_OPERATED = ['mpc-vendor', 'packages'];

/**
 * What each part of Halcyon's architecture holds, for the dollar view: deposits in the lending
 * markets, the bridge escrow, the operations Safe's reserves (the $9.4M CUS-02 names), the reward
 * distributor's float, and what users sign through the app in a day. No custodial balances: user
 * deposits sit in the contracts.
 */
export const FUNDS = {
  asOf: '2026-11-30',
  pools: {
    'contract-tvl': 145_000_000,
    custody: 0,
    treasury: 9_400_000,
    'hot-wallets': 600_000,
    'bridge-escrow': 38_000_000,
    'users-wallets': 2_500_000,
  },
} as const;

/** The answers agreed at the follow-up workshop, in catalogue order. */
export const CURRENT_ANSWERS: Readonly<Record<string, Answer>> = {
  'KEY-01': {
    status: 'level',
    level: 1,
    notes:
      "All nine Safe owners sign with Ledger devices, and the bridge relayer and reward-distributor keys are non-exportable AWS KMS keys. The exception is the 2024 deployer EOA: a keystore file on the lead protocol engineer's laptop that still holds MINTER_ROLE on HALC on Arbitrum (KEY-13). The key register has flagged it 'to retire' since Q3 2025.",
  },
  'KEY-02': {
    status: 'level',
    level: 1,
  },
  'KEY-03': {
    status: 'level',
    level: 2,
  },
  'KEY-04': {
    status: 'level',
    level: 2,
  },
  'KEY-05': {
    status: 'level',
    level: 1,
  },
  'KEY-06': {
    status: 'level',
    level: 2,
  },
  'KEY-07': {
    status: 'level',
    level: 0,
    notes:
      'No rotation triggers or maximum ages are written down, and no key has been rotated since launch: the relayer KMS key dates from the 2024 bridge deployment.',
  },
  'KEY-08': {
    status: 'level',
    level: 0,
    notes:
      'The CTO holds a seat on all four Safes (both admin Safes, guardian, operations). The lead protocol engineer holds the deployer key and seats on both admin Safes, so one person spans the deployer, admin and pause tiers.',
  },
  'KEY-09': {
    status: 'na',
    justification:
      "No MPC system or custody vendor holds key shares or co-signing keys for any in-scope wallet: every Safe owner is an individual signer's Ledger device, and the two service keys are single, non-exportable AWS KMS keys (assessed under KEY-10 and DEP-06). The foundation's custodian serves only the foundation treasury, which is out of scope.",
  },
  'KEY-10': {
    status: 'level',
    level: 2,
  },
  'KEY-11': {
    status: 'level',
    level: 1,
    notes:
      'The relayer KMS key sits in the same AWS account as the app backend and monitoring, which is reachable over the corporate VPN. KMS usage is logged in CloudTrail but raises no alert.',
  },
  'KEY-12': {
    status: 'level',
    level: 2,
  },
  'KEY-13': {
    status: 'level',
    level: 1,
  },
  'CUS-01': {
    status: 'level',
    level: 1,
  },
  'CUS-02': {
    status: 'level',
    level: 1,
    notes:
      'The bridge escrow caps each release at 500,000 HALC but has no per-window limit, mints on Arbitrum are uncapped, and the operations Safe (3-of-6, about $9.4M of reserves) has no allow-list or spending limit.',
  },
  'CUS-03': {
    status: 'level',
    level: 3,
    notes:
      'Register covers every Safe, escrow and reserve position on both chains; a daily job diffs owners, thresholds and balances against chain state and opens a ticket on any mismatch. Reviewed by the external auditor in March 2026.',
  },
  'CUS-04': {
    status: 'level',
    level: 1,
  },
  'CUS-05': {
    status: 'level',
    level: 0,
  },
  'CUS-06': {
    status: 'level',
    level: 0,
    notes:
      'None of the four Safes has a transaction guard: a fully signed delegatecall, owner swap or module addition would execute as is.',
  },
  'CUS-07': {
    status: 'level',
    level: 2,
  },
  'CUS-08': {
    status: 'na',
    justification:
      "Halcyon uses no custodian, MPC or wallet-infrastructure provider for in-scope assets: the Safes are self-custodied by their owners' hardware wallets and user deposits sit in the protocol's own contracts. The qualified custodian holds only the foundation treasury, which is out of scope under a separate agreement.",
    notes: 'Revisit if reserves move from the operations Safe to a custodian or MPC provider.',
  },
  'CUS-09': {
    status: 'level',
    level: 2,
  },
  'CUS-10': {
    status: 'level',
    level: 1,
  },
  'CUS-11': {
    status: 'level',
    level: 0,
  },
  'CUS-12': {
    status: 'level',
    level: 2,
    notes:
      'Payments are built from the destination register; new payees are confirmed on a call and by an acknowledged test transfer. A look-alike address poisoned into the operations Safe history in March 2026 was flagged and never used.',
  },
  'SIG-01': {
    status: 'level',
    level: 1,
    notes:
      'Ethereum admin Safe is 3-of-5, and three owners (both co-founders and the lead protocol engineer) work for Halcyon Labs, so one company can reach the threshold. The Arbitrum admin Safe is 2-of-4. All owners use Ledger devices.',
  },
  'SIG-02': {
    status: 'level',
    level: 1,
    notes:
      'Signers review in the hosted Safe{Wallet} interface and approve what their Ledger shows. Only two of the nine owners recompute the Safe transaction hash with an independent tool, and there is no rule to stop on a mismatch.',
  },
  'SIG-03': {
    status: 'level',
    level: 1,
    notes:
      'Every owner signs with a Ledger, but four plug it into daily-use laptops, including the external signer Zoë Ångström, who signs from the MacBook she uses for email and chat.',
  },
  'SIG-04': {
    status: 'level',
    level: 1,
    notes:
      'Blind signing was enabled on four of the nine Ledgers ("left on for DeFi"). Firmware spans three versions, and no signer could say what the screen should show for a routine Safe transaction.',
  },
  'SIG-05': {
    status: 'level',
    level: 1,
  },
  'SIG-06': {
    status: 'level',
    level: 2,
  },
  'SIG-07': {
    status: 'level',
    level: 2,
  },
  'SIG-08': {
    status: 'level',
    level: 2,
  },
  'SIG-09': {
    status: 'level',
    level: 0,
    notes:
      'No test signing, paging or response-time target for any Safe; owners learn of proposals from the Safe queue and the Signal group. Nobody could say how long the guardian threshold would take at 03:00 CET.',
  },
  'SIG-10': {
    status: 'level',
    level: 1,
  },
  'SIG-12': {
    status: 'level',
    level: 2,
  },
  'SIG-13': {
    status: 'level',
    level: 1,
  },
  'APR-01': {
    status: 'level',
    level: 1,
    notes:
      "Upgrades, role grants, collateral listings and risk parameters go through a 48 h timelock on both chains, but the bridge adapters' configuration (verifiers, peers, caps) is owned directly by the admin Safes and changes at once.",
  },
  'APR-02': {
    status: 'level',
    level: 1,
  },
  'APR-03': {
    status: 'level',
    level: 2,
  },
  'APR-04': {
    status: 'level',
    level: 3,
    notes:
      'Guardian can only pause markets and the bridge and lower caps; unpausing goes through the timelock. The March 2026 audit enumerated every guardian-callable function on both chains and found none that upgrades, moves funds or grants roles.',
  },
  'APR-05': {
    status: 'level',
    level: 3,
  },
  'APR-06': {
    status: 'level',
    level: 1,
    notes:
      'OpenZeppelin Governor with checkpointed votes but a one-block voting delay, and a 4% quorum set in 2024, before HALC became borrowable on the Arbitrum markets. The guardian can cancel; nobody has estimated the cost of borrowing to quorum.',
  },
  'APR-07': {
    status: 'level',
    level: 0,
    notes:
      'No register of delegations or allow-lists. The Safe transaction service lists three proposer delegates on the Ethereum admin Safe, one of them belonging to a contractor who left in January 2026.',
  },
  'APR-08': {
    status: 'level',
    level: 2,
  },
  'APR-09': {
    status: 'level',
    level: 1,
    notes:
      'Employees and contractors are identity-checked at onboarding (the Kyiv-based front-end contractor, listed in HR as "Олена К.", was verified by live video with her passport), but access removal is manual and no quarterly access review has been run.',
  },
  'APR-10': {
    status: 'level',
    level: 2,
  },
  'APR-11': {
    status: 'level',
    level: 2,
  },
  'APR-12': {
    status: 'level',
    level: 3,
  },
  'APR-13': {
    status: 'level',
    level: 1,
  },
  'DEP-01': {
    status: 'level',
    level: 1,
  },
  'DEP-02': {
    status: 'level',
    level: 3,
    notes:
      'App, docs and governance domains at an enterprise registrar with registry lock, DNSSEC and security-key MFA. Unlock procedure and DNS-hijack runbook exercised in April 2026 and reviewed by an external firm the same month.',
  },
  'DEP-03': {
    status: 'level',
    level: 0,
    notes:
      'The relayer and the reward distributor read from one RPC provider and fail over silently to a public endpoint, and the bridge route accepts a single verifier (DEP-08).',
  },
  'DEP-04': {
    status: 'level',
    level: 3,
  },
  'DEP-05': {
    status: 'level',
    level: 2,
  },
  'DEP-06': {
    status: 'level',
    level: 1,
    notes:
      'AWS is behind IAM Identity Center with security keys, but the Vercel and Cloudflare accounts use individual logins with TOTP outside SSO, and the production admin role issues 12-hour sessions.',
  },
  'DEP-07': {
    status: 'level',
    level: 2,
  },
  'DEP-08': {
    status: 'level',
    level: 0,
    notes:
      "Both directions of the HALC route accept attestations from the messaging vendor's own verifier alone (1-of-1), the Arbitrum-to-Ethereum direction still inherits the vendor default configuration, and Arbitrum mints are uncapped: the KelpDAO pattern of April 2026. Highest-priority finding.",
  },
  'DEP-09': {
    status: 'level',
    level: 0,
    notes:
      'Company MacBooks are not in MDM and run no EDR, every engineer is local admin, and two contractors work from personal machines. No rule keeps external repositories or interview tasks off machines with production access.',
  },
  'DEP-10': {
    status: 'level',
    level: 0,
  },
  'DEP-11': {
    status: 'na',
    justification:
      "Halcyon runs no nodes of its own: the relayer, the reward distributor and the monitors read chain data from hosted RPC providers, and message verification is done by the messaging vendor's verifier. Reliance on those providers is assessed under DEP-03 and DEP-08.",
  },
  'DEP-12': {
    status: 'level',
    level: 2,
  },
  'DEP-13': {
    status: 'level',
    level: 0,
  },
  'IR-01': {
    status: 'level',
    level: 2,
    notes:
      'Monitoring vendor watches every contract and Safe on both chains for role, owner and implementation changes, outflows above $250k and the escrow-versus-minted invariant, paging a 24/7 PagerDuty rota (10-minute acknowledgement target). No end-to-end test on record.',
  },
  'IR-02': {
    status: 'level',
    level: 1,
    notes:
      'Guardian Safe (2-of-4) holds a pause-only role on every market and the bridge on both chains, and pause transactions are prepared, but a pause has never been used or rehearsed.',
  },
  'IR-03': {
    status: 'level',
    level: 1,
    notes:
      'Playbooks cover contract exploit and key compromise only. The contact sheet (SEAL 911, two stablecoin issuers, four exchanges) was last edited in October 2024; no contact has ever been tested and there has been no drill.',
  },
  'IR-04': {
    status: 'level',
    level: 1,
  },
  'IR-05': {
    status: 'level',
    level: 0,
  },
  'IR-06': {
    status: 'level',
    level: 2,
  },
  'IR-07': {
    status: 'level',
    level: 1,
  },
  'IR-08': {
    status: 'level',
    level: 0,
  },
  'IR-09': {
    status: 'level',
    level: 2,
  },
  'IR-10': {
    status: 'level',
    level: 3,
    notes:
      'September 2025 Arbitrum oracle misconfiguration (about $180k of wrongful liquidations, reimbursed): blameless review within 9 days, public post-mortem, 11 tracked actions. The auditor checked the tracker in April 2026; 10 of 11 closed on time.',
  },
  'IR-12': {
    status: 'level',
    level: 2,
  },
  'IR-13': {
    status: 'level',
    level: 2,
  },
};

export const CURRENT = {
  id: 'demo-halcyon',
  name: 'Halcyon Finance — Q4 2026 follow-up (demo)',
  createdAt: '2026-11-16T09:00:00Z',
  /** The last change: the workshop's agreements, actions and verifications are all before it. */
  updatedAt: '2026-11-19T16:30:00Z',
} as const;

export const BASELINE = {
  id: 'demo-halcyon-2026q2',
  name: 'Halcyon Finance — Q2 2026 workshop, signed (demo)',
  createdAt: '2026-05-26T09:00:00Z',
  signedAt: '2026-06-03T16:30:00Z',
  date: '2026-06-03',
} as const;

/**
 * Where the Q2 workshop's agreed answers differed from today's: what has improved (and the one
 * thing that slipped) since. `null` means the control was not yet answered then.
 */
export const BASELINE_DIFFERENCES: Readonly<Record<string, Answer | null>> = {
  'KEY-03': { status: 'level', level: 1, notes: 'A key-compromise page exists; no one owns it.' },
  'KEY-06': { status: 'level', level: 1 },
  'CUS-03': { status: 'level', level: 2 },
  'SIG-06': { status: 'level', level: 1 },
  'APR-05': { status: 'level', level: 2 },
  'DEP-05': {
    status: 'level',
    level: 1,
    notes: 'Deploy secrets are long-lived GitHub repository secrets.',
  },
  // Slipped since: the front end moved to a new CDN without its integrity checks.
  'DEP-01': { status: 'level', level: 2 },
  'IR-01': {
    status: 'level',
    level: 1,
    notes: 'Alerts go to a Telegram group; nobody is paged out of hours.',
  },
  'IR-10': { status: 'level', level: 2 },
  'DEP-13': null,
  'IR-13': null,
};

export const BASELINE_SIGN_OFF = {
  signatories: [
    { name: 'A. Moreau', role: 'Lead assessor' },
    { name: 'J. Park', role: 'CTO, Halcyon Finance' },
  ],
  statement:
    'We reviewed each answer in this assessment in the workshop of 2 and 3 June 2026 and agree that it describes Halcyon Finance’s controls as they stood on 3 June 2026, within the scope stated.',
} as const;

/** Actions the Q2 workshop recorded; most are done by the follow-up. */
export const BASELINE_ACTIONS = [
  {
    controlId: 'IR-01',
    text: 'Page the on-call engineer for every critical on-chain alert, around the clock.',
    owner: 'S. Ito (operations)',
    due: '2026-09-30',
    priority: 'high',
  },
  {
    controlId: 'DEP-05',
    text: 'Replace long-lived deploy secrets with short-lived OIDC credentials.',
    owner: 'M. Rossi (IT)',
    due: '2026-08-31',
    priority: 'medium',
  },
] as const;

/** Owner, evidence and confidence per control, as the team recorded them. */
export const CURRENT_META: Readonly<Record<string, ControlMeta>> = {
  'KEY-01': {
    owner: 'L. Haddad (protocol engineering)',
    evidence: ['Key register, row “deployer-2024” (Notion: Security / Key register)'],
    confidence: 'verified',
  },
  'KEY-05': { owner: 'M. Rossi (IT)' },
  'KEY-07': {
    owner: 'J. Park (CTO)',
    revisit: true,
    followUp: 'J. Park: draft rotation policy with triggers and maximum ages',
  },
  'KEY-08': {
    owner: 'J. Park (CTO)',
    evidence: ['Safe owner lists exported 2026-11-17 (admin-eth, admin-arb, guardian, ops)'],
    confidence: 'verified',
  },
  'KEY-13': { owner: 'L. Haddad (protocol engineering)', evidenceRequested: true },
  'CUS-02': { owner: 'J. Park (CTO)' },
  'CUS-06': { owner: 'J. Park (CTO)' },
  'CUS-10': {
    owner: 'L. Haddad (protocol engineering)',
    evidence: ['Bridge escrow configuration: releaseCap and releaseDelay, commit 4e1c2a9'],
    confidence: 'self-reported',
  },
  'SIG-01': {
    owner: 'J. Park (CTO)',
    evidence: ['Safe owners and thresholds, screenshots of 2026-11-17'],
    confidence: 'verified',
  },
  'SIG-02': {
    owner: 'S. Ito (operations)',
    evidence: ['Signing runbook v3, section 2: verifying the transaction before signing'],
    confidence: 'self-reported',
  },
  'SIG-09': { owner: 'S. Ito (operations)', revisit: true },
  'APR-01': {
    owner: 'J. Park (CTO)',
    evidence: ['TimelockController (48 h) on the admin paths; parameter changes bypass it'],
  },
  'APR-07': { owner: 'L. Haddad (protocol engineering)' },
  'DEP-03': { owner: 'L. Haddad (protocol engineering)' },
  'DEP-06': {
    owner: 'M. Rossi (IT)',
    evidence: ['AWS Organizations service control policies, export of 2026-11-10'],
    confidence: 'self-reported',
  },
  'DEP-08': {
    owner: 'L. Haddad (protocol engineering)',
    evidence: ['Relayer and verifier configuration review, 2026-11-12'],
    confidence: 'self-reported',
  },
  'DEP-09': { owner: 'M. Rossi (IT)' },
  'IR-01': {
    owner: 'S. Ito (operations)',
    evidence: [
      'Alert routing from the on-chain monitors to PagerDuty',
      'PagerDuty rota, November 2026',
    ],
    confidence: 'verified',
  },
  'IR-02': { owner: 'S. Ito (operations)' },
  'IR-03': {
    owner: 'S. Ito (operations)',
    evidence: ['Incident playbook v2 (Notion: Security / Incident response)'],
    followUp: 'S. Ito: date and notes of the last tabletop drill',
  },
};

export interface DemoParticipant {
  readonly name: string;
  readonly role: 'team' | 'auditor';
  readonly fileDate: string;
  /** Where this person's own answers differ from the agreed ones. */
  readonly differences: Readonly<Record<string, number>>;
}

/**
 * Four people answered on their own before the follow-up workshop. They differ on a few controls;
 * the team rated SIG-02 higher than the auditor did. CUS-10 is still open for the room to agree.
 */
export const PARTICIPANTS: readonly DemoParticipant[] = [
  {
    name: 'J. Park (CTO)',
    role: 'team',
    fileDate: '2026-11-17',
    differences: { 'SIG-01': 2, 'KEY-08': 1, 'IR-02': 2, 'SIG-02': 2, 'CUS-10': 2 },
  },
  {
    name: 'L. Haddad (protocol engineer)',
    role: 'team',
    fileDate: '2026-11-17',
    differences: { 'KEY-11': 2, 'SIG-02': 2 },
  },
  {
    name: 'S. Ito (operations)',
    role: 'team',
    fileDate: '2026-11-18',
    differences: { 'SIG-09': 1, 'IR-03': 2, 'SIG-02': 2 },
  },
  {
    name: 'K. Osei (auditor)',
    role: 'auditor',
    fileDate: '2026-11-18',
    differences: { 'CUS-10': 0 },
  },
];

/** Agreed in the room, at these times, by everyone present. */
export const AGREED: readonly { readonly controlId: string; readonly at: string }[] = [
  { controlId: 'SIG-01', at: '2026-11-18T10:05:00Z' },
  { controlId: 'SIG-02', at: '2026-11-18T10:20:00Z' },
  { controlId: 'KEY-08', at: '2026-11-18T10:40:00Z' },
  { controlId: 'KEY-11', at: '2026-11-18T10:55:00Z' },
  { controlId: 'SIG-09', at: '2026-11-18T11:30:00Z' },
  { controlId: 'IR-02', at: '2026-11-18T14:10:00Z' },
  { controlId: 'IR-03', at: '2026-11-18T14:25:00Z' },
];

/** The auditor's checks against evidence. */
export const VERIFIED: readonly {
  readonly controlId: string;
  readonly at: string;
  readonly evidence: readonly string[];
  readonly note?: string;
}[] = [
  {
    controlId: 'SIG-01',
    at: '2026-11-18T10:10:00Z',
    evidence: ['Safe owners and thresholds, screenshots of 2026-11-17'],
    note: 'Thresholds seen on all four Safes; two owners share one employer laptop fleet.',
  },
  {
    controlId: 'KEY-08',
    at: '2026-11-18T10:45:00Z',
    evidence: ['Safe owner lists exported 2026-11-17 (admin-eth, admin-arb, guardian, ops)'],
  },
  {
    controlId: 'IR-01',
    at: '2026-11-19T09:30:00Z',
    evidence: ['PagerDuty rota, November 2026', 'Test page sent and acknowledged, 2026-11-19'],
  },
];

export interface DemoAction {
  readonly controlId: string;
  readonly text: string;
  readonly owner: string;
  readonly due: string;
  readonly priority: 'high' | 'medium' | 'low';
  readonly status: 'open' | 'in-progress' | 'done';
  readonly evidenceLink?: string;
  readonly createdAt: string;
}

/** What the follow-up workshop decided to do, on the largest gaps. */
export const ACTIONS: readonly DemoAction[] = [
  {
    controlId: 'KEY-13',
    text: 'Retire the 2024 deployer EOA: revoke its MINTER_ROLE on HALC (Arbitrum), then destroy the keystore and record it in the key register.',
    owner: 'L. Haddad (protocol engineering)',
    due: '2026-12-05',
    priority: 'high',
    status: 'in-progress',
    createdAt: '2026-11-18T11:00:00Z',
  },
  {
    controlId: 'KEY-08',
    text: 'Reassign Safe seats so that no one person spans the deployer, admin and pause tiers.',
    owner: 'J. Park (CTO)',
    due: '2027-01-15',
    priority: 'high',
    status: 'open',
    createdAt: '2026-11-18T10:50:00Z',
  },
  {
    controlId: 'DEP-08',
    text: 'Raise the bridge verifier set from 2-of-3 to 4-of-7 operators on separately administered infrastructure.',
    owner: 'L. Haddad (protocol engineering)',
    due: '2027-02-28',
    priority: 'high',
    status: 'open',
    createdAt: '2026-11-18T15:00:00Z',
  },
  {
    controlId: 'CUS-06',
    text: 'Install a transaction guard on the admin Safes that refuses delegatecall and owner changes outside the timelock.',
    owner: 'J. Park (CTO)',
    due: '2027-01-31',
    priority: 'medium',
    status: 'open',
    createdAt: '2026-11-18T15:20:00Z',
  },
  {
    controlId: 'KEY-07',
    text: 'Write the key rotation policy (triggers and maximum ages) and rotate the relayer KMS key under it.',
    owner: 'J. Park (CTO)',
    due: '2026-12-15',
    priority: 'medium',
    status: 'open',
    createdAt: '2026-11-18T11:10:00Z',
  },
  {
    controlId: 'SIG-09',
    text: 'Run a signing drill every quarter with every Safe owner and record who answered within two hours.',
    owner: 'S. Ito (operations)',
    due: '2027-01-10',
    priority: 'medium',
    status: 'open',
    createdAt: '2026-11-18T11:35:00Z',
  },
  {
    controlId: 'IR-01',
    text: 'Page the on-call engineer when a bridge release cap is hit.',
    owner: 'S. Ito (operations)',
    due: '2026-11-30',
    priority: 'low',
    status: 'done',
    evidenceLink: 'PagerDuty service “bridge-caps”, test page of 2026-11-19',
    createdAt: '2026-11-18T14:00:00Z',
  },
];
