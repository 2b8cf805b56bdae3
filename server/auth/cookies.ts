/** Cookie names. A participant cookie is scoped by name to one workshop. */
export const FACILITATOR_COOKIE = 'concerto_session';
export const participantCookie = (workshopId: string) => `concerto_p_${workshopId}`;
