import type { AdoptionRecordData } from '@aoc/domain/publication.types';
import type { PlanAction } from '@aoc/domain/plan.types';

/**
 * A realistic adoption record for tests and for looking at the PDF: a National Plan with all four
 * fields filled, a timeline with a revision, three comments (one hidden), French accents, and a
 * summary long enough to wrap over pages.
 */
export function sampleRecordData(overrides: Partial<AdoptionRecordData> = {}): AdoptionRecordData {
  const action = (
    title: string,
    lead: string,
    partners: string[],
    timeline: string,
    indicators: string[],
  ): PlanAction => ({
    title,
    lead,
    partners,
    timeline,
    indicators,
  });
  const summaryParagraph =
    'Le Plan national du Portugal pour l’Alliance des civilisations réunit les ministères, les municipalités et la société civile autour d’un objectif : que chaque élève, chaque rédaction et chaque association de jeunes puisse apprendre, informer et agir dans le respect de la diversité culturelle et religieuse. ' +
    'It builds on the 2019–2023 plan, whose evaluation showed that intercultural education works best when teachers are trained together with community mediators, and that media literacy programmes reach young people only when they are designed with them. ';
  return {
    recordId: 'AOC-7Q9V-3M2K-8T4N',
    planId: 'plan_01JEXAMPLEPT2025NATIONAL00',
    kind: 'national_plan',
    version: { number: 2, hash: '9f2c4e1ab7d35e60c8a1f4b2d9e7c3a5b6f8d0e2c4a6b8d0f1e3c5a7b9d1f3e5' },
    content: {
      kind: 'national_plan',
      title: 'Plano Nacional para a Aliança das Civilizações 2025–2029 — Portugal',
      summary: Array.from({ length: 9 }, () => summaryParagraph).join('\n\n'),
      country: 'PT',
      partners: [
        'Alto Comissariado para as Migrações',
        'Direção-Geral da Educação',
        'Conselho Nacional de Juventude',
        'Fundação Calouste Gulbenkian',
      ],
      consultees: { PT: ['Ministério da Educação', 'Ministério da Cultura'] },
      priorityTopics: [
        'Intercultural education',
        'Media literacy',
        'Youth participation',
        'Integration of migrants and refugees',
      ],
      fields: {
        education: {
          objectives: [
            'Train 2 000 teachers in intercultural pedagogy by 2027.',
            'Introduce a module on religious and cultural diversity in the citizenship curriculum.',
          ],
          actions: [
            action(
              'Formation des enseignants à la pédagogie interculturelle',
              'Direção-Geral da Educação',
              ['Universidade de Lisboa', 'Associação de Professores'],
              '2025–2027',
              ['Teachers trained', 'Share of schools with a trained teacher'],
            ),
            action('Écoles jumelées', 'Ministério da Educação', ['Erasmus+ national agency'], '2026–2029', [
              'Twinned schools',
              'Student exchanges',
            ]),
          ],
        },
        media: {
          objectives: ['Strengthen media literacy among young people and journalists.'],
          actions: [
            action(
              'Media literacy week',
              'Entidade Reguladora para a Comunicação Social',
              ['Public broadcaster RTP', 'Sindicato dos Jornalistas'],
              'Every November',
              ['Schools taking part', 'Journalists trained on reporting diversity'],
            ),
          ],
        },
        youth: {
          objectives: [
            'Give young people a seat in the plan’s steering committee.',
            'Fund youth-led dialogue projects.',
          ],
          actions: [
            action('Fonds pour le dialogue mené par les jeunes', 'Conselho Nacional de Juventude', [], '2025–2029', [
              'Projects funded',
              'Participants, of whom women',
            ]),
          ],
        },
        migration: {
          objectives: ['Improve the reception of migrants through local intercultural mediators.'],
          actions: [
            action(
              'Municipal intercultural mediators',
              'Alto Comissariado para as Migrações',
              ['Associação Nacional de Municípios'],
              '2025–2028',
              ['Municipalities with a mediator'],
            ),
          ],
        },
      },
    },
    timeline: [
      { kind: 'submitted', at: '2025-01-15T09:00:00.000Z', version: 1 },
      {
        kind: 'stage',
        stage: 'NATIONAL_CONSULTATION',
        version: 1,
        enteredAt: '2025-01-15T09:00:00.000Z',
        completedAt: '2025-01-29T09:00:00.000Z',
        outcome: 'no_objection',
      },
      {
        kind: 'stage',
        stage: 'CIVIL_SOCIETY_COMMENT',
        version: 1,
        enteredAt: '2025-01-29T09:00:00.000Z',
        completedAt: '2025-03-05T16:30:00.000Z',
        outcome: 'comments_disposed',
      },
      {
        kind: 'stage',
        stage: 'SECRETARIAT_REVIEW',
        version: 1,
        enteredAt: '2025-03-05T16:30:00.000Z',
        completedAt: '2025-03-20T11:00:00.000Z',
        outcome: 'revision_requested',
      },
      { kind: 'revision', at: '2025-03-20T11:00:00.000Z', version: 1, returnTo: 'SECRETARIAT_REVIEW' },
      {
        kind: 'version',
        at: '2025-04-02T08:15:00.000Z',
        version: 2,
        hash: '9f2c4e1ab7d35e60c8a1f4b2d9e7c3a5b6f8d0e2c4a6b8d0f1e3c5a7b9d1f3e5',
      },
      {
        kind: 'stage',
        stage: 'SECRETARIAT_REVIEW',
        version: 2,
        enteredAt: '2025-04-02T08:15:00.000Z',
        completedAt: '2025-04-10T14:00:00.000Z',
        outcome: 'approved',
      },
      {
        kind: 'stage',
        stage: 'GOF_ENDORSEMENT',
        version: 2,
        enteredAt: '2025-04-10T14:00:00.000Z',
        completedAt: '2025-04-20T14:00:00.000Z',
        outcome: 'endorsed_under_silence',
      },
      { kind: 'endorsed', at: '2025-04-20T14:00:00.000Z', version: 2 },
    ],
    comments: [
      {
        id: 'cmt_1',
        organization: 'Rede Europeia Anti-Pobreza Portugal',
        postedAt: '2025-02-03T10:12:00.000Z',
        version: 1,
        field: 'migration',
        text: 'Nous saluons la création de médiateurs interculturels municipaux, mais le plan devrait préciser leur financement après 2028 et associer les associations de migrants à leur recrutement.',
        hidden: false,
        disposition: 'partially_accepted',
        response:
          'The funding after 2028 is now described in version 2; recruitment stays with the municipalities, who will consult migrant associations.',
      },
      {
        id: 'cmt_2',
        organization: 'Conselho Português para os Refugiados',
        postedAt: '2025-02-10T15:40:00.000Z',
        version: 1,
        hidden: true,
        hiddenReason: 'It named a private individual.',
        disposition: 'not_accepted',
        response: 'The comment was hidden; its author was invited to submit it again without personal data.',
      },
      {
        id: 'cmt_3',
        organization: 'Youth for Dialogue Lisboa',
        postedAt: '2025-02-21T18:05:00.000Z',
        version: 1,
        field: 'youth',
        text: 'Young people should hold at least two of the seats on the steering committee, with a vote.',
        hidden: false,
        disposition: 'accepted',
        response: 'Version 2 gives young people two voting seats.',
      },
    ],
    issuedAt: '2025-04-20T14:00:05.000Z',
    ...overrides,
  };
}
