import { describe, expect, test } from 'vitest';
import { emailDomainAllowed, identityFrom } from './oidc.ts';

const options = { allowedDomains: ['strasbourg.eu'], organisationClaim: 'siret', nameMax: 40 };

describe('OIDC sign-in rules', () => {
	test('only the allowed domains and their subdomains, or any when none is set', () => {
		expect(emailDomainAllowed('agent@strasbourg.eu', ['strasbourg.eu'])).toBe(true);
		expect(emailDomainAllowed('agent@mairie.strasbourg.eu', ['strasbourg.eu'])).toBe(true);
		expect(emailDomainAllowed('agent@notstrasbourg.eu', ['strasbourg.eu'])).toBe(false);
		expect(emailDomainAllowed('agent@gmail.com', ['strasbourg.eu', 'gouv.fr'])).toBe(false);
		expect(emailDomainAllowed('agent@gmail.com', [])).toBe(true);
	});

	test('an identity needs an e-mail the provider verified, in an allowed domain', () => {
		const claims = { sub: 's1', email: 'Camille.Martin@Strasbourg.eu', email_verified: true, given_name: 'Camille', usual_name: 'Martin', siret: '21670482500019' };
		expect(identityFrom('https://idp', claims, options)).toEqual({
			issuer: 'https://idp',
			subject: 's1',
			email: 'camille.martin@strasbourg.eu',
			displayName: 'Camille Martin',
			organisation: '21670482500019'
		});
		expect(identityFrom('https://idp', { ...claims, email_verified: false }, options)).toEqual({ refused: 'unverified' });
		expect(identityFrom('https://idp', { ...claims, email_verified: undefined }, options)).toEqual({ refused: 'unverified' });
		expect(identityFrom('https://idp', { ...claims, email: 'camille@gmail.com' }, options)).toEqual({ refused: 'domain' });
	});
});
