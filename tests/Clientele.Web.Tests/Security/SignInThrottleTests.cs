using Clientele.Web.Security;

namespace Clientele.Web.Tests.Security;

public sealed class SignInThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();
    private readonly SignInThrottle _throttle;

    public SignInThrottleTests() => _throttle = new SignInThrottle(_clock);

    private void Fail(string user, string address, int times)
    {
        for (var i = 0; i < times; i++) _throttle.Failed(user, address);
    }

    [Fact]
    public void An_address_that_failed_five_times_for_a_name_waits_for_the_window()
    {
        Fail("admin", "203.0.113.9", SignInThrottle.MaxFailures - 1);
        Assert.Null(_throttle.RetryAfter("admin", "203.0.113.9"));
        _throttle.Failed("admin", "203.0.113.9");
        Assert.Equal(SignInThrottle.Window, _throttle.RetryAfter("Admin", "203.0.113.9"));
        _clock.Now += SignInThrottle.Window;
        Assert.Null(_throttle.RetryAfter("admin", "203.0.113.9"));
    }

    [Fact]
    public void The_right_password_from_another_address_is_never_held_back_by_an_attack_on_the_name()
    {
        Fail("admin", "203.0.113.9", 50);
        for (var i = 0; i < 30; i++) Fail("admin", $"198.51.100.{i}", 1);
        Assert.NotNull(_throttle.RetryAfter("admin", "203.0.113.9"));
        Assert.Null(_throttle.RetryAfter("admin", "192.0.2.1"));
    }

    [Fact]
    public void Neighbours_failing_for_other_names_from_the_same_address_do_not_hold_back_a_user()
    {
        for (var i = 0; i < 40; i++) Fail($"user{i}", "192.0.2.50", 1);
        Assert.Null(_throttle.RetryAfter("admin", "192.0.2.50"));
    }

    [Fact]
    public void Under_a_spread_out_attack_each_address_gets_two_failures_for_the_name_instead_of_five()
    {
        for (var i = 0; i < SignInThrottle.MaxFailuresElsewhere; i++) Fail("admin", $"198.51.100.{i}", 1);
        Fail("admin", "192.0.2.7", SignInThrottle.MaxFailuresUnderAttack - 1);
        Assert.Null(_throttle.RetryAfter("admin", "192.0.2.7"));
        _throttle.Failed("admin", "192.0.2.7");
        Assert.NotNull(_throttle.RetryAfter("admin", "192.0.2.7"));
        Assert.Null(_throttle.RetryAfter("admin", "192.0.2.8"));
    }

    [Fact]
    public void An_address_trying_many_names_gets_two_failures_per_name()
    {
        for (var i = 0; i < SignInThrottle.MaxFailuresElsewhere; i++) Fail($"guess{i}", "203.0.113.66", 1);
        Fail("carla", "203.0.113.66", SignInThrottle.MaxFailuresUnderAttack);
        Assert.NotNull(_throttle.RetryAfter("carla", "203.0.113.66"));
        Assert.Null(_throttle.RetryAfter("carla", "192.0.2.1"));
    }

    [Fact]
    public void A_successful_sign_in_clears_only_its_own_address_count()
    {
        Fail("admin", "192.0.2.1", SignInThrottle.MaxFailures - 1);
        Fail("admin", "192.0.2.2", SignInThrottle.MaxFailures - 1);
        _throttle.Succeeded("admin", "192.0.2.1");
        _throttle.Failed("admin", "192.0.2.1");
        _throttle.Failed("admin", "192.0.2.2");
        Assert.Null(_throttle.RetryAfter("admin", "192.0.2.1"));
        Assert.NotNull(_throttle.RetryAfter("admin", "192.0.2.2"));
    }

    [Fact]
    public void Names_are_counted_as_stored_in_any_case_and_width()
    {
        Fail("ＡＤＭＩＮ", "192.0.2.3", SignInThrottle.MaxFailures);
        Assert.NotNull(_throttle.RetryAfter(" admin ", "192.0.2.3"));
    }
}
