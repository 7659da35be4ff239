namespace Pinterest.Sdk.Cli;

/// <summary>How results are shown: tables and charts for people, JSON for programs.</summary>
internal interface IOutput
{
    Task<T> WhileWaitingAsync<T>(string activity, Func<Task<T>> work);

    void Insights(string adAccountId, AudienceInsightsResponse insights);

    void Audiences(string adAccountId, AudienceDefinitionResponse audiences);

    void Comparison(AudienceComparison comparison);
}
