import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMember, readRoom, writeMember, writeRoom } from '../../src/lib/room/docs.ts';

const MEMBER = 'M'.repeat(22);

describe('reading a room’s documents as hostile input', () => {
  it('reads a participant’s document as written through its writer', () => {
    const doc = new Y.Doc();
    writeMember.profile(doc, { name: 'Bea', role: 'team' });
    writeMember.answer(doc, 'KEY-01', { status: 'level', level: 2, notes: 'log' });
    writeMember.propose(doc, { id: 'p1', kind: 'action', controlId: 'KEY-01', text: 'Rotate' });
    expect(readMember(doc)).toEqual({
      profile: { name: 'Bea', role: 'team' },
      answers: { 'KEY-01': { status: 'level', level: 2, notes: 'log' } },
      proposals: [{ id: 'p1', kind: 'action', controlId: 'KEY-01', text: 'Rotate' }],
      exchangeKey: undefined,
      problems: 0,
    });
  });

  it('ignores a profile, proposals and duplicates that are not what a participant writes', () => {
    const doc = new Y.Doc();
    doc.getMap('profile').set('name', 'x'.repeat(81));
    doc.getMap('profile').set('role', 'facilitator');
    doc
      .getArray('proposals')
      .push([
        { id: 'p1', kind: 'action', controlId: 'KEY-01', text: 'ok' },
        { id: 'p1', kind: 'action', controlId: 'KEY-01', text: 'the same id again' },
        { id: 'p2', kind: 'agreement', controlId: 'KEY-01', text: 'agree 3' },
        { id: 'p3', kind: 'parking', controlId: '__proto__', text: 'x' },
        'not an object',
      ]);
    const read = readMember(doc);
    expect(read.profile).toBeUndefined();
    expect(read.proposals.map((p) => p.id)).toEqual(['p1']);
    expect(read.problems).toBe(4);
  });

  it('reads a facilitator’s document, leaving out entries that do not fit', () => {
    const doc = new Y.Doc();
    writeRoom.stage(doc, { control: null, closed: false });
    writeRoom.member(doc, MEMBER, { name: 'Bea', role: 'team', status: 'in' });
    doc.getMap('roster').set('short', { name: 'Eve', role: 'team', status: 'in' });
    doc.getMap('roster').set('N'.repeat(22), { name: 'Eve', role: 'admin', status: 'in' });
    writeRoom.lock(doc, 'KEY-01', { [MEMBER]: { status: 'level', level: 1 } });
    doc.getMap('locks').set('KEY-02', { [MEMBER]: { status: 'level', level: 'high' } });
    doc.getMap('spreads').set('KEY-01', [{ name: 'Bea', role: 'team', answer: 1 }]);
    const room = readRoom(doc);
    expect(Object.keys(room.roster)).toEqual([MEMBER]);
    expect(room.locks).toEqual({
      'KEY-01': { [MEMBER]: { status: 'level', level: 1 } },
      'KEY-02': {},
    });
    expect(room.spreads).toEqual({});
    expect(room.record).toBeUndefined();
    expect(room.rekey).toBeUndefined();
  });

  it('reads a published exchange key and a re-key announcement only when they fit the schemas', () => {
    const key = { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) } as const;
    const member = new Y.Doc();
    writeMember.exchangeKey(member, key);
    expect(readMember(member).exchangeKey).toEqual(key);
    member.getMap('keys').set('exchange', { ...key, d: 'd'.repeat(43) });
    expect(readMember(member).exchangeKey).toBeUndefined();
    const room = new Y.Doc();
    const wrap = {
      epk: { x: 'x'.repeat(43), y: 'y'.repeat(43) },
      iv: 'i'.repeat(16),
      ct: 'c'.repeat(64),
    };
    writeRoom.rekey(room, { epoch: 1, from: 'R'.repeat(22), wraps: { [MEMBER]: wrap } });
    expect(readRoom(room).rekey?.wraps[MEMBER]).toEqual(wrap);
    room.getMap('room').set('rekey', { epoch: 1, from: 'R'.repeat(22), wraps: { [MEMBER]: 'x' } });
    expect(readRoom(room).rekey).toBeUndefined();
  });

  it('sends no update when a value is written unchanged', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    writeRoom.stage(doc, { control: null, closed: false });
    writeRoom.stage(doc, { control: null, closed: false });
    expect(updates).toBe(1);
  });
});
