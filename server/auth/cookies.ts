/** Cookie names. Participant and observer cookies are scoped by name to one workshop. */
export const FACILITATOR_COOKIE = 'concerto_session';
export const participantCookie = (workshopId: string) => `concerto_p_${workshopId}`;
export const observerCookie = (workshopId: string) => `concerto_o_${workshopId}`;
