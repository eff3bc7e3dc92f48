package dev.parley.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A setting an instance admin changed at run time, by name; without a row the configured default holds. */
@Entity
@Table(name = "instance_settings")
public class InstanceSetting {

    /** Whether anyone may sign up: "true" or "false". */
    static final String REGISTRATION_OPEN = "registration_open";

    /** Whether visitors may join as guests: "true" or "false"; off without a row. */
    static final String GUESTS_ALLOWED = "guests_allowed";

    @Id
    @Column(name = "setting_name", length = 64)
    private String name;

    @Column(name = "setting_value", nullable = false)
    private String value;

    protected InstanceSetting() {
        this.name = "";
        this.value = "";
    }

    InstanceSetting(String name, String value) {
        this.name = name;
        this.value = value;
    }

    String value() {
        return value;
    }

    void set(String value) {
        this.value = value;
    }
}
