/**
 * Seniority and function parsed from a free-text job title, in English, German, Portuguese, Spanish and French,
 * the languages of our tenants' leads. Ordered from the most specific pattern to the least, so "Assistant to the
 * VP" is an assistant and "Vice President" is not a president.
 */
export const SENIORITY_LEVELS = [
  'Intern',
  'Individual contributor',
  'Senior',
  'Manager',
  'Head / Director',
  'VP',
  'C-level / Owner',
] as const;
export type Seniority = (typeof SENIORITY_LEVELS)[number];

const RULES: [RegExp, Seniority][] = [
  [
    /\b(intern|internship|trainee|werkstudent|praktikant|estagi[aá]ri[oa]|becari[oa]|stagiaire|apprentice)\b/i,
    'Intern',
  ],
  [/\b(assistant|asistente|assistente|coordinator|coordinador|coordenador)\b/i, 'Individual contributor'],
  [/\b(vp|svp|evp|vice[- ]president|vice[- ]presidente|vizepr[aä]sident)\b/i, 'VP'],
  [
    /\b(chief|ceo|cfo|coo|cto|cio|cmo|cro|owner|founder|co-founder|cofounder|president|presidente|gesch[aä]ftsf[uü]hrer|inhaber|managing director|propriet[aá]rio|dueñ[oa]|s[oó]ci[oa]|partner|g[eé]rant)\b/i,
    'C-level / Owner',
  ],
  [
    /\b(head|director|directora|diretor|diretora|directeur|leiter|leiterin|bereichsleiter|gerente general)\b/i,
    'Head / Director',
  ],
  [
    /\b(manager|managerin|gerente|gestor|gestora|supervisor|team lead|teamleiter|jefe|jefa|chefe|responsable)\b/i,
    'Manager',
  ],
  [/\b(senior|sr\.?|lead|principal|specialist|especialista|expert)\b/i, 'Senior'],
  [
    /\b(analyst|associate|representative|rep|executive|engineer|consultant|officer|administrator|planner|dispatcher|driver|t[eé]cnico|analista|sachbearbeiter|mitarbeiter|agent)\b/i,
    'Individual contributor',
  ],
];

export const DEPARTMENTS = [
  'Executive',
  'Operations',
  'Fleet / Logistics',
  'Finance',
  'IT',
  'Sales',
  'Marketing',
  'HR',
  'Procurement',
] as const;

const DEPARTMENT_RULES: [RegExp, (typeof DEPARTMENTS)[number]][] = [
  [
    /\b(fleet|logistic|transport|dispatch|supply chain|warehouse|distribution|frota|flota|fuhrpark)/i,
    'Fleet / Logistics',
  ],
  [/\b(operations?|ops|opera[cç][oõ]es|operaciones|betrieb)\b/i, 'Operations'],
  [/\b(finance|financial|cfo|controller|accounting|finanzas|finan[cç]as|buchhaltung)\b/i, 'Finance'],
  [/\b(it|cto|cio|technology|information|systems|software|digital)\b/i, 'IT'],
  [/\b(procurement|purchasing|buyer|compras|einkauf)\b/i, 'Procurement'],
  [/\b(sales|vendas|ventas|vertrieb|business development|account)\b/i, 'Sales'],
  [/\b(marketing)\b/i, 'Marketing'],
  [/\b(hr|human resources|people|talent|recursos humanos)\b/i, 'HR'],
  [/\b(ceo|owner|founder|president|managing director|gesch[aä]ftsf[uü]hrer|chief executive)\b/i, 'Executive'],
];

export function seniorityOf(title: string | null): Seniority | null {
  if (!title) return null;
  for (const [pattern, level] of RULES) if (pattern.test(title)) return level;
  return null;
}

export function departmentOf(title: string | null): string | null {
  if (!title) return null;
  for (const [pattern, department] of DEPARTMENT_RULES) if (pattern.test(title)) return department;
  return null;
}
