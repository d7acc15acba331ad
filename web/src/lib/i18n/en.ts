/**
 * English messages: the reference catalog. Its keys and `{placeholders}` define what every other
 * catalog must provide.
 */
export const en = {
  'app.name': 'InsideOut',
  'app.tagline': 'Dialogue inside first, voice outside second.',

  'layout.skipToContent': 'Skip to main content',
  'layout.navLabel': 'Main',
  'layout.language': 'Language',
  'layout.footer': 'Anonymous by construction: no answer can be traced back to the person who gave it.',
  'layout.apiDocs': 'API documentation',

  'nav.home': 'Home',
  'nav.status': 'Status',

  'home.title': 'Welcome',
  'home.heading': 'Listen to your people before you speak for them',
  'home.intro':
    'InsideOut runs short, anonymous pulse surveys so that managers and HR can read how teams really feel and answer their comments.',
  'home.anonymity':
    'Answers are anonymous by construction: the platform stores nothing that links a response to a person, and shows results only for groups large enough to protect everyone.',
  'home.gate':
    'Only when the dialogue inside is healthy does InsideOut open the way to employer-branding campaigns, team by team.',
  'home.statusLink': 'See the live health of the service',

  'status.title': 'System status',
  'status.intro': 'The service and its database are checked every {seconds} seconds.',
  'status.service': 'Service',
  'status.healthy': 'Healthy',
  'status.unavailable': 'Unavailable',
  'status.checking': 'Checking…',
  'status.database': 'Database',
  'status.migration': 'Latest migration',
  'status.noMigration': 'None applied',
  'status.unknown': 'Unknown',
  'status.lastChecked': 'Last checked',
  'status.never': 'Not yet',
  'status.kind.pglite': 'Embedded PGlite',
  'status.kind.postgres': 'PostgreSQL',
  'status.responseTimes': 'Response times',
  'status.chartLabel': 'Response time of the recent health checks, in milliseconds',
  'status.chartSummary': 'Median response time {median} ms, slowest {max} ms.',
  'status.chartEmpty': 'No successful check yet.',
  'status.time': 'Time',
  'status.responseTimeMs': 'Response time (ms)',
  'status.milliseconds': 'ms',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',
  'notFound.home': 'Back to the home page',
  'pageError.title': 'Something went wrong',

  'error.invalid_input': 'Some of the information sent is not valid. Please check it and try again.',
  'error.unauthenticated': 'Your session has ended. Please sign in again.',
  'error.forbidden': 'You do not have permission to do this.',
  'error.not_found': 'We could not find what you asked for. It may have been removed.',
  'error.method_not_allowed': 'This action is not available here.',
  'error.conflict': 'This conflicts with something that already exists. Reload the page and try again.',
  'error.pulse_closed': 'This pulse survey is closed and no longer accepts answers.',
  'error.gate_not_passed': 'The readiness gate has not passed for this campaign yet.',
  'error.payload_too_large': 'What you sent is too large. Please shorten it and try again.',
  'error.unsupported_media_type': 'The application sent a request in a format the service does not accept.',
  'error.rate_limited': 'Too many requests in a short time. Please wait a moment and try again.',
  'error.internal': 'Something went wrong on our side. Please try again.',
  'error.unavailable': 'The service is temporarily unavailable. Please try again in a few minutes.',
  'error.network': 'The service could not be reached. Check your connection and try again.',
  'error.unexpected': 'Something unexpected happened. Please reload the page.',
  'error.reference': 'If the problem persists, quote reference {requestId} to support.',
} as const;
