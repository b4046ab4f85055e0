const section = (objective: string, action: string, lead: string) => ({
  objectives: [objective],
  actions: [
    { title: action, lead, partners: ['civil society'], timeline: '2027–2030', indicators: ['participants per year'] },
  ],
});

const fields = (country: string) => ({
  education: section(
    `Intercultural competences in every school of ${country}`,
    'Teacher exchange programme',
    'Ministry of Education',
  ),
  media: section('Media literacy against hate speech', 'Newsroom diversity charter', 'Press council'),
  youth: section('Youth-led dialogue in every region', 'Youth ambassadors network', 'Youth institute'),
  migration: section('Inclusion of newcomers', 'Welcome centres with cultural mediators', 'Migration agency'),
});

/** The demo's National Plan of Portugal. */
export const nationalPlan = () => ({
  kind: 'national_plan',
  title: 'Portugal: National Plan for Intercultural Dialogue 2027–2030',
  summary: 'How Portugal will advance intercultural dialogue in education, media, youth and migration.',
  country: 'PT',
  partners: ['portuguese-youth-council'],
  consultees: { PT: ['ministry-education', 'ministry-culture'] },
  fields: fields('Portugal'),
  priorityTopics: ['tolerance and non-discrimination'],
});

/** The demo's Regional Strategy of three South-Eastern European countries. */
export const regionalStrategy = () => ({
  kind: 'regional_strategy',
  title: 'South-Eastern Europe: Regional Strategy for Intercultural Dialogue',
  summary: 'A shared strategy and action plan of Albania, Bosnia and Herzegovina and Croatia.',
  countries: ['AL', 'BA', 'HR'],
  partners: ['regional-cooperation-council', 'unesco'],
  consultees: {
    AL: ['ministry-foreign-affairs'],
    BA: ['ministry-civil-affairs'],
    HR: ['ministry-culture'],
  },
  fields: fields('the region'),
  priorityTopics: ['freedom of the media', 'minorities'],
});
