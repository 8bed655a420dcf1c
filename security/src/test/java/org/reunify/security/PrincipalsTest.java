package org.reunify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrincipalsTest {

    @Test
    void anAgencyLogsInUnderItsIdWithTheAgencyPrefix() {
        assertThat(Principals.agencyUser("nib")).isEqualTo("agency-nib");
        assertThat(Principals.principal("agency-nib")).isEqualTo("User:agency-nib");
    }

    @Test
    void aRoleUserCannotTakeAnAgencysName() {
        assertThatThrownBy(() -> Principals.checkRoleUser("agency-nib")).hasMessageContaining("reserved");
    }

    @Test
    void aRoleUserCannotTakeTheBrokersOwnNames() {
        assertThatThrownBy(() -> Principals.checkRoleUser("admin")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Principals.checkRoleUser("controller")).hasMessageContaining("reserved");
    }

    @Test
    void aRoleUserNameFollowsTheAgencyIdRule() {
        assertThat(Principals.checkRoleUser("wall-screen-2")).isEqualTo("wall-screen-2");
        assertThatThrownBy(() -> Principals.checkRoleUser("Wall Screen")).hasMessageContaining("must match");
    }
}
