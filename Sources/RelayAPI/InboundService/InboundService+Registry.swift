extension RelayMessages {
    /// The messages of `inbound_service.proto`, nested ones included.
    public static let inboundService: [any ProtoMessage.Type] = [
        Route.self,
        Route.HelpdeskTicketSettings.self,
        Route.CrmActivitySettings.self,
        Route.PortalReplySettings.self,
        Route.WebhookSettings.self,
        InboundMessage.self,
        CreateRouteRequest.self,
        CreateRouteResponse.self,
        ListRoutesRequest.self,
        ListRoutesResponse.self,
        DeleteRouteRequest.self,
        DeleteRouteResponse.self,
        ListInboundMessagesRequest.self,
        ListInboundMessagesResponse.self,
        StreamInboundRequest.self,
        StreamInboundResponse.self,
        StreamInboundResponse.Heartbeat.self,
    ]
}
