/**
 * SQL for the retention period, in months, of the workshop aliased `workshop`: the shortest of
 * its creator's organisations' periods, else the default bound as `defaultParam`. One definition
 * for every erasure (participants' data, proxy names).
 */
export const workshopRetentionMonthsSql = (workshop: string, defaultParam: string) =>
	`COALESCE((SELECT min(o.participant_retention_months) FROM membership m JOIN organisation o ON o.id = m.organisation_id
	           WHERE m.facilitator_id = ${workshop}.created_by), ${defaultParam}::integer)`;
