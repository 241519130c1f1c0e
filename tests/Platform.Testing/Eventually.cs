namespace Platform.Testing;

/// <summary>
/// Waits for an asynchronous effect (an event consumed, a projection updated, a retry made) by
/// polling with a deadline, never a fixed sleep.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected state was not reached in time.");
            }
            await Task.Delay(25);
            value = await read();
        }
        return value;
    }

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null) =>
        ReadAsync(condition, done => done, timeout);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        try
        {
            await TrueAsync(condition, timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting until {what}.");
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);
}
