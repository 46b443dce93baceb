extension RelayMessages {
    /// The messages of `analytics_service.proto`, nested ones included.
    public static let analyticsService: [any ProtoMessage.Type] = [
        DeliveryCounts.self,
        DeliveryRates.self,
        DeliveryStatsSeries.self,
        DeliveryStatsSeries.Point.self,
        GetDeliveryStatsRequest.self,
        GetDeliveryStatsResponse.self,
        ComplianceThresholds.self,
        GetComplianceStatusRequest.self,
        GetComplianceStatusResponse.self,
        GetComplianceStatusResponse.DomainCompliance.self,
        AlertRule.self,
        AlertRule.NotificationChannel.self,
        ListAlertRulesRequest.self,
        ListAlertRulesResponse.self,
        UpsertAlertRuleRequest.self,
        UpsertAlertRuleResponse.self,
        DeleteAlertRuleRequest.self,
        DeleteAlertRuleResponse.self,
        StreamEventsRequest.self,
        StreamEventsResponse.self,
        StreamEventsResponse.Heartbeat.self,
        StreamEventsResponse.Lagged.self,
    ]
}
