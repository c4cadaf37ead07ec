import type { Org } from './org.ts';

/**
 * `/limits`: the org's limits with what remains of each. Only DailyApiRequests moves (every counted REST call
 * uses one); the others report a fresh Enterprise Edition org.
 */
export function limitsBody(org: Org) {
  const fixed = (max: number) => ({ Max: max, Remaining: max });
  const remaining = Math.max(0, org.apiUsage.max - org.apiUsage.used);
  return {
    ActiveScratchOrgs: fixed(3),
    AnalyticsExternalDataSizeMB: fixed(40960),
    ConcurrentAsyncGetReportInstances: fixed(200),
    ConcurrentSyncReportRuns: fixed(20),
    DailyAnalyticsDataflowJobExecutions: fixed(60),
    DailyApiRequests: { Max: org.apiUsage.max, Remaining: remaining },
    DailyAsyncApexExecutions: fixed(250000),
    DailyBulkApiBatches: fixed(15000),
    DailyBulkV2QueryFileStorageMB: fixed(976562),
    DailyBulkV2QueryJobs: fixed(10000),
    DailyDeliveredPlatformEvents: fixed(50000),
    DailyDurableGenericStreamingApiEvents: fixed(1000000),
    DailyDurableStreamingApiEvents: fixed(1000000),
    DailyGenericStreamingApiEvents: fixed(10000),
    DailyStandardVolumePlatformEvents: fixed(10000),
    DailyStreamingApiEvents: fixed(1000000),
    DailyWorkflowEmails: fixed(2000000),
    DataStorageMB: fixed(1024),
    DurableStreamingApiConcurrentClients: fixed(2000),
    FileStorageMB: fixed(2048),
    HourlyAsyncReportRuns: fixed(1200),
    HourlyDashboardRefreshes: fixed(200),
    HourlyDashboardResults: fixed(5000),
    HourlyDashboardStatuses: fixed(999999999),
    HourlyLongTermIdMapping: fixed(100000),
    HourlyManagedContentPublicRequests: fixed(50000),
    HourlyODataCallout: fixed(10000),
    HourlyPublishedPlatformEvents: fixed(250000),
    HourlyPublishedStandardVolumePlatformEvents: fixed(100000),
    HourlyShortTermIdMapping: fixed(100000),
    HourlySyncReportRuns: fixed(500),
    HourlyTimeBasedWorkflow: fixed(1000),
    MassEmail: fixed(5000),
    MonthlyPlatformEventsUsageEntitlement: fixed(1500000),
    Package2VersionCreates: fixed(6),
    PermissionSets: { Max: 1500, Remaining: 1499, CreateCustom: fixed(1000) },
    SingleEmail: fixed(5000),
    StreamingApiConcurrentClients: fixed(2000),
  };
}
