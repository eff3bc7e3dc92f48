package dev.parley.accounts.internal;

import dev.parley.accounts.InstanceSetting;
import org.springframework.data.jpa.repository.JpaRepository;

public interface InstanceSettingRepository extends JpaRepository<InstanceSetting, String> {}
