import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkbox, labelField, parseForm, textField } from './forms.ts';

const form = (entries: Record<string, string | File>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(entries)) data.set(k, v);
	return data;
};

const schema = z.object({ title: labelField(10), note: textField, agree: checkbox, count: textField.pipe(z.enum(['1', '2'])) });

describe('parseForm', () => {
	it('gives the parsed data and the raw text of every field', () => {
		const r = parseForm(schema, form({ title: '  A   title ', agree: 'on', count: '2' }));
		expect(r).toEqual({ ok: true, data: { title: 'A title', note: '', agree: true, count: '2' }, values: { title: '  A   title ', note: '', agree: 'on', count: '2' } });
	});

	it('reads a missing checkbox as unchecked and a file as empty text', () => {
		const r = parseForm(schema, form({ title: 'x', note: new File(['hi'], 'a.txt'), count: '1' }));
		expect(r.ok && r.data).toEqual({ title: 'x', note: '', agree: false, count: '1' });
	});

	it("gives each failing field its page's message, and the form a generic one for fields without", () => {
		const r = parseForm(schema, form({ title: 'far too long a title', count: '3' }), { title: { key: 'home.new.invalid', params: { max: 10 } } });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({ title: { key: 'home.new.invalid', params: { max: 10 } }, form: { key: 'error.invalid_input' } });
		expect(r.values.title).toBe('far too long a title');
	});
});
